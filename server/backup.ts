// `npm run backup -- <file>`: a consistent copy of DATABASE_PATH, safe while the app runs.
// Without a file name the copy goes to backups/denktafel-<time>.db beside the database.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readConfig } from '../src/lib/server/config.ts';
import { refuseOnPostgres } from './sqlite-only.ts';
import { backupDatabase } from './db-backup.ts';

refuseOnPostgres('npm run backup', readConfig());

const source = readConfig().databasePath;
const target =
	process.argv[2] ?? join(dirname(source), 'backups', `denktafel-${new Date().toISOString().replace(/[:.]/g, '-')}.db`);
mkdirSync(dirname(target), { recursive: true });
try {
	const { pages } = await backupDatabase(source, target);
	console.log(`Backed up ${source} to ${target} (${pages} pages, integrity ok).`);
} catch (error) {
	console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
}
