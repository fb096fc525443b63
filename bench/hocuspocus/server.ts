// The peer server of the benchmark: Hocuspocus 4 as its documentation sets it up, run as its own
// process (`node bench/hocuspocus/server.ts`, PORT and PEER_DB in the environment). It persists each
// document's Yjs state to SQLite through @hocuspocus/extension-database (its SQLite extension would
// bring a second better-sqlite3 that does not install offline here; this one stores the same row)
// and admits a connection only with a token that the tokens table holds for that document.
// It checks nothing about what a client writes into a document: that is Hocuspocus' model.
import { Server } from '@hocuspocus/server';
import { Database } from '@hocuspocus/extension-database';
import { openPeerDatabase } from './db.ts';

const port = Number(process.env.PORT);
const path = process.env.PEER_DB;
if (!port || !path) throw new Error('PORT and PEER_DB are required');

const db = openPeerDatabase(path);
const admits = db.prepare<[string, string], { ok: number }>('SELECT 1 AS ok FROM tokens WHERE token = ? AND document = ?');
const load = db.prepare<[string], { data: Buffer }>('SELECT data FROM documents WHERE name = ?');
const save = db.prepare('INSERT INTO documents (name, data) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET data = excluded.data');

const server = new Server({
	port,
	address: '127.0.0.1',
	quiet: true,
	// Defaults kept on purpose (debounced store after 2 s, at most 10 s; updates of one event-loop
	// turn broadcast together): this is the peer as its users run it, not tuned for the benchmark.
	async onAuthenticate({ token, documentName }) {
		// A thrown error makes Hocuspocus answer "permission denied" and drop the document.
		if (!admits.get(token, documentName)) throw new Error('unknown token for this document');
	},
	extensions: [
		new Database({
			fetch: async ({ documentName }) => load.get(documentName)?.data ?? null,
			store: async ({ documentName, state }) => {
				save.run(documentName, state);
			}
		})
	]
});

await server.listen();
console.log(`hocuspocus listening on 127.0.0.1:${server.address.port}`);
