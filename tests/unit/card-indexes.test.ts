import { beforeEach, describe, expect, it } from 'vitest';
import { asc, desc, eq } from 'drizzle-orm';
import { useTestDb, ON_POSTGRES } from '../helpers/test-db.ts';
import { sqliteHandle, type Db } from '../../src/lib/server/db/client.ts';
import { cards } from '../../src/lib/server/db/schema.ts';

// The two card queries that run at every card write (a new card's order key, a card's merged texts)
// must be index seeks: a sort of the table's cards or a scan of every card in the database grows with
// every card of every meeting, and was a visible share of a card's cost in the many-rooms benchmark.
const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

function plan(query: { toSQL(): { sql: string; params: unknown[] } }): string {
	const { sql, params } = query.toSQL();
	const rows = sqliteHandle(db).prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>;
	return rows.map((r) => r.detail).join('\n');
}

describe.skipIf(ON_POSTGRES)('the indexes of the cards table', () => {
	it('finds a table last order key by an index, without sorting the table cards', () => {
		const detail = plan(db.select({ key: cards.orderKey }).from(cards).where(eq(cards.tableId, 't1')).orderBy(desc(cards.orderKey)).limit(1));
		expect(detail).toMatch(/USING (COVERING )?INDEX cards_table_order_idx/);
		expect(detail).not.toMatch(/TEMP B-TREE/);
	});

	it('finds the cards merged into a card by an index, without scanning every card', () => {
		const detail = plan(
			db.select({ text: cards.text }).from(cards).where(eq(cards.mergedIntoId, 'c1')).orderBy(asc(cards.orderKey), asc(cards.id))
		);
		expect(detail).toMatch(/USING INDEX cards_merged_into_idx/);
		expect(detail).not.toMatch(/^SCAN cards$/m);
	});
});
