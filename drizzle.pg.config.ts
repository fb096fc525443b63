import { defineConfig } from 'drizzle-kit';

// The PostgreSQL twin of drizzle.config.ts: its own schema module and its own migrations folder, so the
// SQLite migrations in drizzle/ stay exactly as they are. `npm run db:generate:pg` after changing schema-pg.ts.
export default defineConfig({
	dialect: 'postgresql',
	schema: './src/lib/server/db/schema-pg.ts',
	out: './drizzle/pg',
	dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost/denktafel' }
});
