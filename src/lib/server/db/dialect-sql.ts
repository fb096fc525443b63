import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { DIALECT } from './dialect.ts';

// The SQL that differs between SQLite and PostgreSQL, in one place: domain code calls these instead of
// writing dialect-only SQL itself. Each answers for the dialect this process runs on (db/dialect.ts).

const postgres = DIALECT === 'postgres';

/** A text field of a JSON column equals a value (SQLite: json_extract; PostgreSQL: `->>`). */
export function jsonTextEquals(column: AnyColumn, field: string, value: string): SQL {
	if (postgres) return sql`(${column} ->> ${field}) = ${value}`;
	return sql`json_extract(${column}, ${'$.' + field}) = ${value}`;
}

/**
 * The order rows were inserted in, to break ties between rows made in the same millisecond (ids are
 * random). SQLite: its rowid. PostgreSQL has none: the tables that need it have an identity column
 * there (`insert_order`, see PG_ONLY_COLUMNS in schema-pg.ts).
 */
export function insertionOrder(table: SQLiteTable): SQL {
	return postgres ? sql`${table}.insert_order` : sql`${table}.rowid`;
}

/**
 * `column` contains `word` as typed, ignoring ASCII case (SQLite's `like`; PostgreSQL's `ilike`),
 * with `%`, `_` and `\` in the word taken literally.
 */
export function containsText(column: AnyColumn, word: string): SQL {
	const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	if (postgres) return sql`${column} ilike ${pattern} escape '\\'`;
	return sql`${column} like ${pattern} escape '\\'`;
}
