// `npm run restore -- <file>`: puts a backup in place of DATABASE_PATH. Stop the app first; start it
// again afterwards. Open screens reconnect and load the restored boards afresh (new doc generation).
import { readConfig } from '../src/lib/server/config.ts';
import { refuseOnPostgres } from './sqlite-only.ts';
import { restoreDatabase } from './db-backup.ts';

refuseOnPostgres('npm run restore', readConfig());

const file = process.argv[2];
if (!file) {
	console.error('Usage: npm run restore -- <backup file>');
	process.exit(1);
}
const config = readConfig();
// The app keeps the file open: replacing it underneath would lose writes. Refuse while it answers.
const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
const running = await fetch(`http://${host}:${config.port}/healthz`, { signal: AbortSignal.timeout(1_000) })
	.then(() => true)
	.catch(() => false);
if (running) {
	console.error(`The app still answers on port ${config.port}: stop it first, then restore, then start it.`);
	process.exit(1);
}
try {
	const { keptAs, rooms } = await restoreDatabase(file, config.databasePath);
	console.log(`Restored ${file} to ${config.databasePath}; ${rooms} room documents get a new generation.`);
	if (keptAs) console.log(`The database it replaced is kept as ${keptAs}.`);
} catch (error) {
	console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
}
