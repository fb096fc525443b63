import { describe, expect, expectTypeOf, it } from 'vitest';
import type { InferInsertModel, InferSelectModel, Table } from 'drizzle-orm';
import { bigint, index, integer, pgTable, primaryKey, text, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import * as sqliteSchema from '../../src/lib/server/db/schema-sqlite.ts';
import * as pgSchema from '../../src/lib/server/db/schema-pg.ts';
import { describePgSchema, describeSqliteSchema, diffSchemas } from '../helpers/schema-parity.ts';

// One domain runs on either database, so the two schema modules must describe the same tables.

/** The row types a domain sees, per exported table. */
type Rows<M> = { [K in keyof M as M[K] extends Table ? K : never]: M[K] extends Table ? InferSelectModel<M[K]> : never };
/** The PostgreSQL rows without the PostgreSQL-only columns (PG_ONLY_COLUMNS). */
type PgRows = {
	[K in keyof Rows<typeof pgSchema>]: K extends 'participants' | 'pollResponses'
		? Omit<Rows<typeof pgSchema>[K], 'insertOrder'>
		: Rows<typeof pgSchema>[K];
};
type Inserts<M> = { [K in keyof M as M[K] extends Table ? K : never]: M[K] extends Table ? InferInsertModel<M[K]> : never };

describe('the PostgreSQL schema', () => {
	it('describes the same tables as the SQLite schema', () => {
		const sqlite = describeSqliteSchema(sqliteSchema);
		const pg = describePgSchema(pgSchema, pgSchema.PG_ONLY_COLUMNS);
		expect(sqlite.size).toBe(30);
		// One readable line per difference: the failure message says what to change.
		expect(diffSchemas(sqlite, pg)).toEqual([]);
	});

	it('gives the domain the same row types (checked by the type checker, npm run check)', () => {
		expectTypeOf<PgRows>().toEqualTypeOf<Rows<typeof sqliteSchema>>();
		expectTypeOf<Inserts<typeof pgSchema>>().toEqualTypeOf<Inserts<typeof sqliteSchema>>();
		expect(Object.keys(describePgSchema(pgSchema))).toEqual(Object.keys(describeSqliteSchema(sqliteSchema)));
	});

	it('has exactly two PostgreSQL-only columns, the insertion order that SQLite keeps as its rowid', () => {
		expect(pgSchema.PG_ONLY_COLUMNS).toEqual({ participants: ['insert_order'], poll_responses: ['insert_order'] });
		const sqlite = describeSqliteSchema(sqliteSchema);
		// Without the exception, the parity check names them, and only them.
		expect(diffSchemas(sqlite, describePgSchema(pgSchema))).toEqual([
			'participants: column insert_order only in PostgreSQL',
			'poll_responses: column insert_order only in PostgreSQL'
		]);
	});

	it('reports a missing column, a changed onDelete and a missing index', () => {
		// `votes` as it might drift: updated_at forgotten, card_id set null instead of cascade, votes_table_idx gone.
		const driftedVotes = pgTable(
			'votes',
			{
				cardId: text('card_id')
					.notNull()
					.references(() => pgSchema.cards.id, { onDelete: 'set null' }),
				participantId: text('participant_id')
					.notNull()
					.references(() => pgSchema.participants.id, { onDelete: 'cascade' }),
				tableId: text('table_id')
					.notNull()
					.references(() => pgSchema.tables.id, { onDelete: 'cascade' }),
				meetingId: text('meeting_id')
					.notNull()
					.references(() => pgSchema.meetings.id, { onDelete: 'cascade' }),
				dots: integer('dots').notNull()
			},
			(t) => [
				primaryKey({ columns: [t.cardId, t.participantId] }),
				index('votes_participant_idx').on(t.participantId, t.tableId),
				check('votes_positive', sql`${t.dots} > 0`)
			]
		);
		// The untouched twin of the same table yields no difference: only the three changes show.
		const faithfulVotes = pgTable(
			'votes',
			{
				cardId: text('card_id')
					.notNull()
					.references(() => pgSchema.cards.id, { onDelete: 'cascade' }),
				participantId: text('participant_id')
					.notNull()
					.references(() => pgSchema.participants.id, { onDelete: 'cascade' }),
				tableId: text('table_id')
					.notNull()
					.references(() => pgSchema.tables.id, { onDelete: 'cascade' }),
				meetingId: text('meeting_id')
					.notNull()
					.references(() => pgSchema.meetings.id, { onDelete: 'cascade' }),
				dots: integer('dots').notNull(),
				updatedAt: bigint('updated_at', { mode: 'number' }).notNull()
			},
			(t) => [
				primaryKey({ columns: [t.cardId, t.participantId] }),
				index('votes_participant_idx').on(t.participantId, t.tableId),
				index('votes_table_idx').on(t.tableId),
				check('votes_positive', sql`${t.dots} > 0`)
			]
		);
		const sqlite = describeSqliteSchema(sqliteSchema);

		expect(diffSchemas(sqlite, describePgSchema({ ...pgSchema, votes: faithfulVotes }, pgSchema.PG_ONLY_COLUMNS))).toEqual([]);
		expect(diffSchemas(sqlite, describePgSchema({ ...pgSchema, votes: driftedVotes }, pgSchema.PG_ONLY_COLUMNS))).toEqual([
			'votes: column updated_at missing in PostgreSQL',
			'votes: onDelete of card_id → cards.id is "cascade" in SQLite, "set null" in PostgreSQL',
			'votes: index votes_table_idx missing in PostgreSQL'
		]);
	});
});
