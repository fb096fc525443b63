import { is, isSQLWrapper, type SQL } from 'drizzle-orm';
import { getTableConfig as pgTableConfig, PgDialect, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteSyncDialect, SQLiteTable } from 'drizzle-orm/sqlite-core';

/*
 * Compares the SQLite schema module with its PostgreSQL twin through drizzle's own table descriptions
 * (getTableConfig), so that the two cannot drift: each side is reduced to a dialect-neutral shape and the
 * shapes are compared, giving one readable line per difference.
 */

/** What a column is for the domain, whatever the dialect calls it. */
type Category = 'integer' | 'text' | 'boolean' | 'json' | 'bytes' | `unknown:${string}`;

interface ColumnShape {
	prop: string;
	category: Category;
	notNull: boolean;
	hasDefault: boolean;
	/** A plain default value (JSON), or 'sql' for an SQL expression (those differ by dialect on purpose). */
	defaultValue: string | undefined;
	primary: boolean;
	/** autoincrement (SQLite) or identity (PostgreSQL): the database numbers new rows. */
	generated: boolean;
	unique: string | null;
	enumValues: string | null;
}

interface IndexShape {
	columns: string;
	unique: boolean;
	where: string | null;
}

export interface TableShape {
	exportName: string;
	columns: Map<string, ColumnShape>;
	primaryKeys: string[];
	/** `cols → table.cols` to onDelete. */
	foreignKeys: Map<string, string>;
	uniques: Map<string, string>;
	indexes: Map<string, IndexShape>;
	checks: Map<string, string>;
}

export type SchemaShape = Map<string, TableShape>;

function sqliteCategory(columnType: string): Category {
	if (columnType === 'SQLiteBoolean') return 'boolean';
	if (columnType === 'SQLiteTextJson' || columnType === 'SQLiteBlobJson') return 'json';
	if (columnType.startsWith('SQLiteBlob')) return 'bytes';
	if (columnType === 'SQLiteInteger' || columnType === 'SQLiteTimestamp') return 'integer';
	if (columnType === 'SQLiteText') return 'text';
	return `unknown:${columnType}`;
}

function pgCategory(sqlType: string): Category {
	if (['integer', 'bigint', 'smallint'].includes(sqlType)) return 'integer';
	// text COLLATE "C" too: a collation changes the order, not what the domain stores or reads.
	if (/^text( collate "?\w+"?)?$/i.test(sqlType) || sqlType.startsWith('varchar')) return 'text';
	if (sqlType === 'boolean') return 'boolean';
	if (sqlType === 'jsonb' || sqlType === 'json') return 'json';
	if (sqlType === 'bytea') return 'bytes';
	return `unknown:${sqlType}`;
}

/** SQL text without quoting, so `"votes"."dots" > 0` reads the same from both dialects. */
function normalise(sql: string): string {
	return sql.replace(/[`"]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

function defaultOf(value: unknown): string | undefined {
	if (value === undefined) return undefined;
	return isSQLWrapper(value) ? 'sql' : JSON.stringify(value);
}

// The parts of a column both dialects' getTableConfig give us.
interface AnyColumn {
	name: string;
	columnType: string;
	notNull: boolean;
	hasDefault: boolean;
	default: unknown;
	primary: boolean;
	isUnique: boolean;
	uniqueName: string | undefined;
	enumValues: readonly string[] | undefined;
	getSQLType(): string;
}

interface AnyConfig {
	name: string;
	columns: AnyColumn[];
	primaryKeys: { columns: { name: string }[] }[];
	foreignKeys: { onDelete?: string; reference(): { columns: { name: string }[]; foreignColumns: { name: string }[]; foreignTable: unknown } }[];
	uniqueConstraints: { name?: string; getName?: () => string; columns: { name: string }[] }[];
	indexes: { config: { name?: string; columns: unknown[]; unique: boolean; where?: SQL } }[];
	checks: { name: string; value: SQL }[];
}

function describe(
	schema: Record<string, unknown>,
	isTable: (value: unknown) => boolean,
	config: (table: never) => AnyConfig,
	category: (column: AnyColumn) => Category,
	generated: (column: AnyColumn) => boolean,
	render: (sql: SQL) => string
): SchemaShape {
	const shape: SchemaShape = new Map();
	for (const [exportName, table] of Object.entries(schema)) {
		if (!isTable(table)) continue;
		const c = config(table as never);
		const props = new Map<string, string>();
		for (const [prop, column] of Object.entries(table as Record<string, unknown>)) {
			if (column && typeof column === 'object' && 'name' in column && 'columnType' in column) {
				props.set((column as AnyColumn).name, prop);
			}
		}
		const columns = new Map<string, ColumnShape>();
		for (const col of c.columns) {
			columns.set(col.name, {
				prop: props.get(col.name) ?? '?',
				category: category(col),
				notNull: col.notNull,
				hasDefault: col.hasDefault,
				defaultValue: defaultOf(col.default),
				primary: col.primary,
				generated: generated(col),
				unique: col.isUnique ? (col.uniqueName ?? '(unnamed)') : null,
				enumValues: col.enumValues ? col.enumValues.join(',') : null
			});
		}
		const names = (cols: { name: string }[]) => cols.map((x) => x.name).join(',');
		shape.set(c.name, {
			exportName,
			columns,
			primaryKeys: c.primaryKeys.map((pk) => names(pk.columns)),
			foreignKeys: new Map(
				c.foreignKeys.map((fk) => {
					const ref = fk.reference();
					const target = config(ref.foreignTable as never).name;
					return [`${names(ref.columns)} → ${target}.${names(ref.foreignColumns)}`, fk.onDelete ?? 'no action'];
				})
			),
			uniques: new Map(c.uniqueConstraints.map((u) => [u.name ?? u.getName?.() ?? '(unnamed)', names(u.columns)])),
			indexes: new Map(
				c.indexes.map((i) => [
					i.config.name ?? '(unnamed)',
					{
						columns: i.config.columns
							.map((col) => (col && typeof col === 'object' && 'name' in col ? String(col.name) : 'expression'))
							.join(','),
						unique: i.config.unique,
						where: i.config.where ? normalise(render(i.config.where)) : null
					}
				])
			),
			checks: new Map(c.checks.map((k) => [k.name, normalise(render(k.value))]))
		});
	}
	return shape;
}

const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();

/** The shape of a SQLite schema module (every sqliteTable it exports). */
export function describeSqliteSchema(schema: Record<string, unknown>): SchemaShape {
	return describe(
		schema,
		(v) => is(v, SQLiteTable),
		sqliteTableConfig as unknown as (t: never) => AnyConfig,
		(col) => sqliteCategory(col.columnType),
		(col) => (col as unknown as { autoIncrement?: boolean }).autoIncrement === true,
		(sql) => sqliteDialect.sqlToQuery(sql).sql
	);
}

/**
 * The shape of a PostgreSQL schema module (every pgTable it exports), leaving out `skip`'s columns
 * (per table name: the schema's named PostgreSQL-only columns).
 */
export function describePgSchema(
	schema: Record<string, unknown>,
	skip: Readonly<Record<string, readonly string[]>> = {}
): SchemaShape {
	const shape = describe(
		schema,
		(v) => is(v, PgTable),
		pgTableConfig as unknown as (t: never) => AnyConfig,
		(col) => pgCategory(col.getSQLType()),
		(col) => (col as unknown as { generatedIdentity?: unknown }).generatedIdentity !== undefined,
		(sql) => pgDialect.sqlToQuery(sql).sql
	);
	for (const [table, columns] of Object.entries(skip)) {
		for (const column of columns) shape.get(table)?.columns.delete(column);
	}
	return shape;
}

/** Compares two maps item by item; `what` names an item in the message. */
function diffMaps<V>(
	out: string[],
	where: string,
	what: string,
	a: Map<string, V>,
	b: Map<string, V>,
	compare: (key: string, x: V, y: V) => void
): void {
	for (const [key, x] of a) {
		const y = b.get(key);
		if (y === undefined) out.push(`${where}: ${what} ${key} missing in PostgreSQL`);
		else compare(key, x, y);
	}
	for (const key of b.keys()) if (!a.has(key)) out.push(`${where}: ${what} ${key} only in PostgreSQL`);
}

/**
 * Every difference between the SQLite shape `a` and the PostgreSQL shape `b`, one readable line each
 * (an empty list when they match).
 */
export function diffSchemas(a: SchemaShape, b: SchemaShape): string[] {
	const out: string[] = [];
	diffMaps(out, 'schema', 'table', a, b, (table, x, y) => {
		const field = (name: string, l: unknown, r: unknown, where = table) => {
			if (JSON.stringify(l) !== JSON.stringify(r)) {
				out.push(`${where}: ${name} is ${JSON.stringify(l)} in SQLite, ${JSON.stringify(r)} in PostgreSQL`);
			}
		};
		field('export name', x.exportName, y.exportName);
		diffMaps(out, table, 'column', x.columns, y.columns, (col, l, r) => {
			for (const key of Object.keys(l) as (keyof ColumnShape)[]) field(key, l[key], r[key], `${table}.${col}`);
		});
		field('primary key', x.primaryKeys, y.primaryKeys);
		diffMaps(out, table, 'foreign key', x.foreignKeys, y.foreignKeys, (fk, l, r) => field(`onDelete of ${fk}`, l, r));
		diffMaps(out, table, 'unique constraint', x.uniques, y.uniques, (u, l, r) => field(`columns of ${u}`, l, r));
		diffMaps(out, table, 'index', x.indexes, y.indexes, (i, l, r) => field(`index ${i}`, l, r));
		diffMaps(out, table, 'check', x.checks, y.checks, (k, l, r) => field(`check ${k}`, l, r));
	});
	return out;
}
