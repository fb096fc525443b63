// The peer's SQLite file: the Yjs state of each document (as @hocuspocus/extension-sqlite keeps it,
// one row per document) and the tokens its onAuthenticate hook checks. The harness seeds the tokens
// before the server starts; the server only reads them. Both sides open the file the same way.
import Database from 'better-sqlite3';

export function openPeerDatabase(path: string): Database.Database {
	const db = new Database(path);
	// The same journal and sync settings as our app's database (src/lib/server/db/client.ts), so the
	// two persist on equal terms.
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.pragma('busy_timeout = 5000');
	db.exec(`
		CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, data BLOB NOT NULL);
		CREATE TABLE IF NOT EXISTS tokens (token TEXT PRIMARY KEY, document TEXT NOT NULL);
	`);
	return db;
}

/** One token per client, each valid for its own document (room) only, as ours admits a person to their table. */
export function seedTokens(path: string, rooms: readonly string[]): string[] {
	const db = openPeerDatabase(path);
	try {
		const insert = db.prepare('INSERT INTO tokens (token, document) VALUES (?, ?)');
		const tokens = rooms.map(() => crypto.randomUUID());
		db.transaction(() => rooms.forEach((room, i) => insert.run(tokens[i], room)))();
		return tokens;
	} finally {
		db.close();
	}
}
