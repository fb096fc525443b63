import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

// The SQL that differs between SQLite and PostgreSQL, in one place: domain code calls these instead of
// writing dialect-only SQL itself. These are the SQLite versions; PostgreSQL's come with its dialect.

/** A text field of a JSON column equals a value (SQLite: json_extract; PostgreSQL: `->>`). */
export function jsonTextEquals(column: AnyColumn, field: string, value: string): SQL {
	return sql`json_extract(${column}, ${'$.' + field}) = ${value}`;
}

/**
 * The order rows were inserted in, to break ties between rows made in the same millisecond (ids are
 * random). SQLite: its rowid. Tables that need it on PostgreSQL get a sequence column there.
 */
export function insertionOrder(table: SQLiteTable): SQL {
	return sql`${table}.rowid`;
}

/**
 * `column` contains `word` as typed, ignoring ASCII case (SQLite's `like`; PostgreSQL's `ilike`),
 * with `%`, `_` and `\` in the word taken literally.
 */
export function containsText(column: AnyColumn, word: string): SQL {
	const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	return sql`${column} like ${pattern} escape '\\'`;
}
