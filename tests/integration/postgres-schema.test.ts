import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count, getTableName, sql, type Table } from 'drizzle-orm';
import pg from 'pg';
import * as sqliteSchema from '../../src/lib/server/db/schema-sqlite.ts';
import * as pgSchema from '../../src/lib/server/db/schema-pg.ts';
import { MIGRATION_LOCK, migratePostgres, openPostgres, type OpenPostgres } from '../../src/lib/server/db/postgres.ts';
import { startPostgres, type RunningPostgres } from '../helpers/postgres-server.ts';
import { createTestDb } from '../helpers/test-db.ts';
import { describePgSchema } from '../helpers/schema-parity.ts';
import { readFileSync } from 'node:fs';

/** The PostgreSQL migrations drizzle-kit generated (each applied exactly once). */
const PG_MIGRATIONS = (JSON.parse(readFileSync('drizzle/pg/meta/_journal.json', 'utf8')) as { entries: unknown[] }).entries.length;

// The PostgreSQL schema on a real server: migrations that several processes start at once apply once, and
// the tricky column types come back as the same JS values the SQLite schema gives for the same row.

let server: RunningPostgres;
beforeAll(async () => {
	server = await startPostgres();
});
afterAll(async () => {
	await server?.stop();
});

async function query<R extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return (await client.query<R>(text, values)).rows;
	} finally {
		await client.end();
	}
}

describe('migratePostgres', () => {
	it('applies the migrations once when three processes start together, creating every table', async () => {
		const url = await server.createDatabase(undefined, { migrated: false });
		const a = openPostgres(url);
		const b = openPostgres(url);
		try {
			// Two through their pools, one through a URL of its own, all at once.
			await Promise.all([migratePostgres(a.db), migratePostgres(b.db), migratePostgres(url)]);
		} finally {
			await Promise.all([a.close(), b.close()]);
		}

		const applied = await query<{ n: number }>(url, 'select count(*)::int as n from drizzle.__drizzle_migrations');
		expect(applied[0].n).toBe(PG_MIGRATIONS);
		expect(PG_MIGRATIONS).toBeGreaterThanOrEqual(3);

		const shape = describePgSchema(pgSchema);
		const tables = await query<{ name: string }>(
			url,
			`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`
		);
		expect(tables.map((t) => t.name)).toEqual([...shape.keys()].sort());
		const indexes = await query<{ name: string }>(url, `select indexname as name from pg_indexes where schemaname = 'public'`);
		const wanted = [...shape.values()].flatMap((t) => [...t.indexes.keys()]);
		expect(indexes.map((i) => i.name)).toEqual(expect.arrayContaining(wanted));

		// Running again finds nothing to do.
		await migratePostgres(url);
		expect((await query<{ n: number }>(url, 'select count(*)::int as n from drizzle.__drizzle_migrations'))[0].n).toBe(PG_MIGRATIONS);
	});

	it('waits while another process holds the migration lock', async () => {
		const url = await server.createDatabase(undefined, { migrated: false });
		const holder = new pg.Client({ connectionString: url });
		await holder.connect();
		try {
			await holder.query('select pg_advisory_lock($1, $2)', [...MIGRATION_LOCK]);
			let done = false;
			const running = migratePostgres(url).then(() => (done = true));
			await new Promise((r) => setTimeout(r, 300));
			expect(done).toBe(false);
			const early = await holder.query(`select to_regclass('public.users') as t`);
			expect(early.rows[0].t).toBeNull();

			await holder.query('select pg_advisory_unlock($1, $2)', [...MIGRATION_LOCK]);
			await running;
			const after = await holder.query(`select to_regclass('public.users')::text as t`);
			expect(after.rows[0].t).toBe('users');
		} finally {
			await holder.end();
		}
	});
});

describe('the same row on both databases', () => {
	const t0 = 1_796_676_299_685; // Dec 2026 in ms: far past 2^31
	const far = 4_102_444_800_123; // 2100-01-01: past 2^32 too

	// One fixture, typed by the SQLite schema (the parity test proves the PostgreSQL insert types equal).
	const rows = {
		users: [
			{ id: 'u1', email: 'ans@example.nl', name: 'Ans', role: 'facilitator', passwordHash: 'h1', disabled: true, createdAt: t0 },
			// created_at from the database's default
			{ id: 'u2', email: 'bo@example.nl', name: 'Bo', role: 'admin', passwordHash: 'h2' }
		] satisfies (typeof sqliteSchema.users.$inferInsert)[],
		meetings: [
			{
				id: 'm1', title: 'Denkdag', joinCode: 'ABC123', status: 'live', anonymous: true, startsAt: far,
				pollClosedAt: t0, voteBudget: 5, votePerCardMax: 2, talliesLive: true, plenaryPhase: 'vote',
				createdBy: 'u1', createdAt: t0
			}
		] satisfies (typeof sqliteSchema.meetings.$inferInsert)[],
		tables: [
			{ id: 't1', meetingId: 'm1', name: 'Tafel 1', phase: 'cluster', phaseEndsAt: far, phaseSince: t0, createdAt: t0 }
		] satisfies (typeof sqliteSchema.tables.$inferInsert)[],
		participants: [
			{ id: 'p1', meetingId: 'm1', tableId: 't1', displayName: 'Bram', sector: 'mbo', createdAt: t0 }
		] satisfies (typeof sqliteSchema.participants.$inferInsert)[],
		themes: [
			{ id: 'th1', meetingId: 'm1', name: 'Governance', color: '#1f4e79', words: [{ term: 'bestuur' }, { term: 'regie', weak: true }] },
			// words from the default: an empty array, not a string
			{ id: 'th2', meetingId: 'm1', name: 'Financiën', color: '#7a3e00', position: 1 }
		] satisfies (typeof sqliteSchema.themes.$inferInsert)[],
		pollQuestions: [
			{ id: 'q1', meetingId: 'm1', key: 'open', position: 'a0', type: 'text', prompt: 'Wat?', updatedAt: t0, createdAt: t0 },
			{
				id: 'q2', meetingId: 'm1', key: 'keuze', position: 'a1', type: 'multiple', prompt: 'Welke?', required: false,
				options: [{ id: 'a', label: 'Één' }, { id: 'b', label: 'Twee "2"' }], maxChoices: 2, updatedAt: t0, createdAt: t0
			},
			{ id: 'q3', meetingId: 'm1', key: 'schaal', position: 'a2', type: 'scale', prompt: 'Hoe?', scaleMin: 1, scaleMax: 5, updatedAt: t0, createdAt: t0 }
		] satisfies (typeof sqliteSchema.pollQuestions.$inferInsert)[],
		pollResponses: [
			// A text answer that looks like a number must stay a string (drizzle's own jsonb would make it 42).
			{ id: 'r1', meetingId: 'm1', questionId: 'q1', participantId: 'p1', value: '42', updatedAt: t0, createdAt: t0 },
			{ id: 'r2', meetingId: 'm1', questionId: 'q2', participantId: 'p1', value: ['a', 'b'], updatedAt: t0, createdAt: t0 },
			{ id: 'r3', meetingId: 'm1', questionId: 'q3', participantId: 'p1', value: 4, explanation: 'ok', updatedAt: t0, createdAt: t0 }
		] satisfies (typeof sqliteSchema.pollResponses.$inferInsert)[],
		cards: [
			{ id: 'c1', meetingId: 'm1', tableId: 't1', authorParticipantId: 'p1', text: 'Meer tijd', orderKey: 'a0', themeId: 'th1', updatedAt: t0, createdAt: t0 }
		] satisfies (typeof sqliteSchema.cards.$inferInsert)[],
		votes: [
			{ cardId: 'c1', participantId: 'p1', tableId: 't1', meetingId: 'm1', dots: 2, updatedAt: t0 }
		] satisfies (typeof sqliteSchema.votes.$inferInsert)[],
		plenaryItems: [
			{
				id: 'pi1', meetingId: 'm1', sourceTableId: 't1', sourceKind: 'card', sourceId: 'c1', label: 'Meer tijd',
				cards: [{ text: 'Meer tijd', votes: 2 }], tableVotes: 2, tableRank: 1, orderKey: 'a0', updatedAt: t0, createdAt: t0
			}
		] satisfies (typeof sqliteSchema.plenaryItems.$inferInsert)[],
		reportExports: [
			{
				id: 'e1', meetingId: 'm1', userId: 'u1', userName: 'Ans', format: 'pdf', fileName: 'verslag.pdf', final: false,
				bytes: Buffer.from([0, 1, 2, 127, 128, 254, 255, 0]), createdAt: t0
			}
		] satisfies (typeof sqliteSchema.reportExports.$inferInsert)[],
		notices: [
			{ id: 'n1', participantId: 'p1', kind: 'dots-returned', payload: { card: 'Meer tijd', dots: 2 }, createdAt: t0 }
		] satisfies (typeof sqliteSchema.notices.$inferInsert)[],
		commandLog: [
			{
				commandId: 'cmd-1', type: 'card.add', meetingId: 'm1', actorKind: 'participant', actorId: 'p1',
				payload: { text: 'Meer tijd', nested: { list: [1, '2', null, true], empty: {} } }, result: { ok: true }, at: t0
			}
		] satisfies (typeof sqliteSchema.commandLog.$inferInsert)[],
		cardVersions: [
			{ commandSeq: 1, tableId: 't1', cardId: 'c1', data: { text: 'Meer tijd', themeId: null, n: 1.5 } }
		] satisfies (typeof sqliteSchema.cardVersions.$inferInsert)[],
		yjsDocuments: [{ room: 'board:t1', generation: 2, updatedAt: t0 }] satisfies (typeof sqliteSchema.yjsDocuments.$inferInsert)[],
		yjsUpdates: [
			{ room: 'board:t1', data: Buffer.from('0102ff00aa', 'hex') },
			{ room: 'board:t1', data: Buffer.alloc(70_000, 7) }
		] satisfies (typeof sqliteSchema.yjsUpdates.$inferInsert)[],
		seriesExports: [
			{ id: 's1', title: 'Reeks', meetingIds: ['m1'], userName: 'Ans', format: 'xlsx', fileName: 'reeks.xlsx', bytes: Buffer.from('PK'), createdAt: t0 }
		] satisfies (typeof sqliteSchema.seriesExports.$inferInsert)[]
	};
	type Name = keyof typeof rows;
	const order = Object.keys(rows) as Name[];

	let pgDb: OpenPostgres;
	let sqliteDb: Awaited<ReturnType<typeof createTestDb>>;
	beforeAll(async () => {
		pgDb = openPostgres(await server.createDatabase());
		sqliteDb = await createTestDb();
		// The same awaited drizzle builders on both (the SQLite side's may be sync or async underneath).
		for (const name of order) {
			await sqliteDb.db.insert(sqliteSchema[name] as never).values(rows[name] as never);
			await pgDb.db.insert(pgSchema[name] as never).values(rows[name] as never);
		}
	});
	afterAll(async () => {
		await pgDb?.close();
		sqliteDb?.dispose();
	});

	/** Every row of a table, in a stable order (by the first primary-key column). */
	async function readBoth(name: Name) {
		const s = sqliteSchema[name] as Table;
		const p = pgSchema[name] as Table;
		const sKey = Object.values(s).find((c) => (c as { primary?: boolean })?.primary) ?? Object.values(s)[0];
		const pKey = Object.values(p).find((c) => (c as { primary?: boolean })?.primary) ?? Object.values(p)[0];
		const fromSqlite = (await sqliteDb.db.select().from(s as never).orderBy(asc(sKey as never))) as Record<string, unknown>[];
		const fromPg = (await pgDb.db.select().from(p as never).orderBy(asc(pKey as never))) as Record<string, unknown>[];
		return { fromSqlite, fromPg };
	}

	it.each(order)('%s reads back the same', async (name) => {
		const { fromSqlite, fromPg } = await readBoth(name);
		expect(fromPg.length).toBe(rows[name].length);
		if (name === 'users') {
			// u2's created_at comes from each database's own clock (compared in the next test).
			for (const row of [fromSqlite[1], fromPg[1]]) {
				expect(typeof row.createdAt).toBe('number');
				row.createdAt = 'database default';
			}
		}
		// The PostgreSQL-only insertion order (PG_ONLY_COLUMNS) stands in for SQLite's rowid: it counts up.
		if (name === 'participants' || name === 'pollResponses') {
			expect(fromPg.map((row) => typeof row.insertOrder)).toEqual(fromPg.map(() => 'number'));
			for (const row of fromPg) delete row.insertOrder;
		}
		expect(fromPg).toStrictEqual(fromSqlite);
		if (name === 'meetings') expect(fromPg[0].startsAt).toBe(far);
	});

	it('gives the same kinds of values, column by column', async () => {
		const { fromPg: [ans, bo] } = await readBoth('users');
		expect(ans).toMatchObject({ disabled: true, mustChangePassword: false, createdAt: t0 });
		const { fromSqlite: [, sBo] } = await readBoth('users');
		// The database default: ms since the epoch, an integer, now-ish on both.
		expect(Number.isSafeInteger(bo.createdAt)).toBe(true);
		expect(Math.abs((bo.createdAt as number) - Date.now())).toBeLessThan(60_000);
		expect(Math.abs((sBo.createdAt as number) - (bo.createdAt as number))).toBeLessThan(60_000);

		const { fromPg: responses } = await readBoth('pollResponses');
		expect(responses.map((r) => r.value)).toStrictEqual(['42', ['a', 'b'], 4]);
		const { fromPg: themes } = await readBoth('themes');
		expect(themes.map((t) => t.words)).toStrictEqual([[{ term: 'bestuur' }, { term: 'regie', weak: true }], []]);
		const { fromPg: updates } = await readBoth('yjsUpdates');
		expect(Buffer.isBuffer(updates[0].data)).toBe(true);
		expect((updates[0].data as Buffer).toString('hex')).toBe('0102ff00aa');
		expect(updates.map((u) => u.seq)).toStrictEqual([1, 2]);
	});

	it('counts and sums as numbers, as on SQLite', async () => {
		const [helperPg] = await pgDb.db.select({ n: count() }).from(pgSchema.pollResponses);
		const [helperSqlite] = await sqliteDb.db.select({ n: count() }).from(sqliteSchema.pollResponses);
		expect(helperPg).toStrictEqual({ n: 3 });
		expect(helperPg).toStrictEqual(helperSqlite);
		// Raw aggregates: int8 in PostgreSQL, read as a number (not the driver's default string).
		const [raw] = await pgDb.db
			.select({ n: sql<number>`count(*)`, dots: sql<number>`coalesce(sum(${pgSchema.votes.dots}), 0)` })
			.from(pgSchema.votes);
		const [rawSqlite] = await sqliteDb.db
			.select({ n: sql<number>`count(*)`, dots: sql<number>`coalesce(sum(${sqliteSchema.votes.dots}), 0)` })
			.from(sqliteSchema.votes);
		expect(raw).toStrictEqual({ n: 1, dots: 2 });
		expect(raw).toStrictEqual(rawSqlite);
		expect(getTableName(pgSchema.votes)).toBe(getTableName(sqliteSchema.votes));
	});
});

describe('order keys on a database with a linguistic collation', () => {
	it('sort bytewise, as on SQLite, where the database default would put a0 before B1', async () => {
		// Most managed PostgreSQL databases default to en_US.UTF-8 or an ICU locale; this one is Dutch (ICU).
		const name = `icu_${process.pid}_${Date.now()}`; // fresh on a retry too
		await query(server.adminUrl, `CREATE DATABASE ${name} LOCALE_PROVIDER icu ICU_LOCALE 'nl-NL' LOCALE 'C.UTF-8' TEMPLATE template0`);
		const url = server.adminUrl.replace(/\/postgres$/, `/${name}`);
		const keys = ['a0', 'Zz', 'a0V', 'B1', 'b0', 'a1', 'Zy'];
		const bytewise = [...keys].sort(); // JS compares UTF-16 code units: bytewise for these ASCII digits
		// The database itself sorts them otherwise (else this test would prove nothing).
		const plain = await query<{ k: string }>(url, `select k from unnest($1::text[]) k order by k`, [keys]);
		expect(plain.map((r) => r.k)).not.toEqual(bytewise);

		await migratePostgres(url);
		const db = openPostgres(url);
		const sqlite = await createTestDb();
		try {
			const owner = { id: 'u1', email: 'a@example.nl', name: 'A', role: 'facilitator', passwordHash: 'h' } as const;
			const meeting = { id: 'm1', title: 'M', joinCode: 'J1', createdBy: 'u1' };
			const table = { id: 't1', meetingId: 'm1', name: 'Tafel' };
			const cards = keys.map((orderKey, i) => ({ id: `c${i}`, meetingId: 'm1', tableId: 't1', text: orderKey, orderKey, updatedAt: 1 }));
			const questions = keys.map((position, i) => ({
				id: `q${i}`, meetingId: 'm1', key: `k${i}`, position, type: 'text' as const, prompt: position, updatedAt: 1
			}));
			await db.db.insert(pgSchema.users).values(owner);
			await db.db.insert(pgSchema.meetings).values(meeting);
			await db.db.insert(pgSchema.tables).values(table);
			await db.db.insert(pgSchema.cards).values(cards);
			await db.db.insert(pgSchema.pollQuestions).values(questions);
			await sqlite.db.insert(sqliteSchema.users).values(owner);
			await sqlite.db.insert(sqliteSchema.meetings).values(meeting);
			await sqlite.db.insert(sqliteSchema.tables).values(table);
			await sqlite.db.insert(sqliteSchema.cards).values(cards);

			const onPg = await db.db.select({ k: pgSchema.cards.orderKey }).from(pgSchema.cards).orderBy(asc(pgSchema.cards.orderKey));
			const onSqlite = await sqlite.db
				.select({ k: sqliteSchema.cards.orderKey })
				.from(sqliteSchema.cards)
				.orderBy(asc(sqliteSchema.cards.orderKey));
			expect(onPg.map((r) => r.k)).toEqual(bytewise);
			expect(onPg).toEqual(onSqlite);
			const positions = await db.db
				.select({ k: pgSchema.pollQuestions.position })
				.from(pgSchema.pollQuestions)
				.orderBy(asc(pgSchema.pollQuestions.position));
			expect(positions.map((r) => r.k)).toEqual(bytewise);
			// Comparisons too: "after a0" means bytewise after, not alphabetically.
			const after = await db.db
				.select({ k: pgSchema.cards.orderKey })
				.from(pgSchema.cards)
				.where(sql`${pgSchema.cards.orderKey} > 'a0'`)
				.orderBy(asc(pgSchema.cards.orderKey));
			expect(after.map((r) => r.k)).toEqual(bytewise.filter((k) => k > 'a0'));
		} finally {
			await db.close();
			sqlite.dispose();
		}
	});
});

describe('openPostgres across a PostgreSQL restart', () => {
	it('fails queries while the server is down, without ending the process, and works again after', async () => {
		const { db, pool, close } = openPostgres(await server.createDatabase(), { max: 3 });
		try {
			// Fill the pool with idle connections: the restart breaks each of them.
			await Promise.all([1, 2, 3].map(() => db.select({ n: count() }).from(pgSchema.users)));
			expect(pool.idleCount).toBeGreaterThan(0);

			await server.stopServer();
			await expect(db.select({ n: count() }).from(pgSchema.users)).rejects.toThrow();
			await server.startServer();

			const [row] = await db.select({ n: count() }).from(pgSchema.users);
			expect(row).toStrictEqual({ n: 0 });
		} finally {
			await close();
		}
	});
});
