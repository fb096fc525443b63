import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanSource, scanTree } from '../helpers/dialect-scan.ts';

// The domain must run on PostgreSQL too (issue 17): no better-sqlite3-only calls outside the database
// layer and the SQLite tools.

const ROOT = resolve(import.meta.dirname, '../..');

describe('dialect-neutral database code', () => {
	it('holds in the code as it is: no sync runner, raw connection, drizzle transaction or SQLite-only SQL', () => {
		const { files, findings } = scanTree(ROOT);
		// Sanity: the scan really read the code.
		expect(files).toBeGreaterThan(300);
		expect(findings.map((f) => `${f.file}:${f.line} ${f.rule}: ${f.text}`)).toEqual([]);
	});

	it('fails on each kind of violation', () => {
		const source = [
			"import { eq } from 'drizzle-orm';",
			'const a = db.select().from(cards).where(eq(cards.id, id)).get();',
			'const rows = db.select().from(cards)',
			'\t.all();',
			'db.insert(cards).values(row).run();',
			'const ids = db.select({ id: cards.id }).from(cards).where(x).values();',
			'const one = cardById(db).get({ id });',
			'const raw = db.$client;',
			'db.transaction((tx) => {});',
			'const q = sql`json_extract(${commandLog.payload}, \'$.tableId\')`;',
			'const o = sql`${participants}.rowid`;'
		].join('\n');
		const rules = scanSource('src/lib/server/example.ts', source).map((f) => `${f.line} ${f.rule}`);
		// Without a database import a file is not scanned at all (a Yjs map's .get() is fine).
		expect(scanSource('src/lib/realtime/example.ts', source.split('\n').slice(1).join('\n'))).toEqual([]);
		expect(rules).toEqual([
			'2 sync runner .get()/.all()/.run()',
			'4 sync runner .get()/.all()/.run()',
			'5 sync runner .get()/.all()/.run()',
			'7 prepared query run by .get/.all/.run (use .execute)',
			'6 .values() on a query',
			'8 the raw connection ($client)',
			'9 drizzle transaction (use transaction() from db/transaction.ts)',
			'10 SQLite-only SQL (use db/dialect-sql.ts)',
			'11 SQLite-only SQL (use db/dialect-sql.ts)'
		]);
	});

	it('leaves maps, comments and the dialect-neutral forms alone', () => {
		const source = [
			"import { eq } from 'drizzle-orm';",
			'const all = [...groups.values()];',
			'// the old way was db.select().from(cards).get()',
			'const a = await first(db.select().from(cards).where(eq(cards.id, id)));',
			'await db.insert(cards).values(row);',
			'const rows = await cardById(db).execute({ id });',
			'await transaction(db, async (tx) => {});'
		].join('\n');
		expect(scanSource('src/lib/server/example.ts', source)).toEqual([]);
	});
});
