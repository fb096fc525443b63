// Which database this process runs on, decided once from DATABASE_URL when the first module loads.
// A process runs one dialect for its whole life: the app opens one database, and a test process runs
// one vitest project (the PostgreSQL project sets DATABASE_URL before any module loads).

export type Dialect = 'sqlite' | 'postgres';

/** `postgres://…` or `postgresql://…` selects PostgreSQL; anything else (unset) the SQLite file. */
export function dialectOf(databaseUrl: string | undefined): Dialect {
	return /^postgres(ql)?:\/\//i.test(databaseUrl?.trim() ?? '') ? 'postgres' : 'sqlite';
}

/** The dialect of this process (see the top of this file). */
export const DIALECT: Dialect = dialectOf(process.env.DATABASE_URL);
