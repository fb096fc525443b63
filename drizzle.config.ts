import { defineConfig } from 'drizzle-kit';

export default defineConfig({
	dialect: 'sqlite',
	schema: './src/lib/server/db/schema-sqlite.ts',
	out: './drizzle',
	dbCredentials: { url: process.env.DATABASE_PATH ?? 'data/denktafel.db' }
});
