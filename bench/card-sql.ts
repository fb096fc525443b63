// `node bench/card-sql.ts [--tables 50] [--people 1000] [--cards 2000]`: the SQL of adding a card, statement
// by statement (issue #18). A CPU profile cannot name the queries (drizzle runs them from a promise's
// `then`, so the caller is off the stack); this runs the real command path in one process — the socket
// door's `runSocketCommand` for each card, then the hub's projection into a Y.Doc per table room and the
// SQLite doc store's append — and times every statement by its SQL text. Sequential: no group commit to
// share, no sockets. Prints CPU per card (all, projection with storage, storage) and the statements.
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { openDatabase, sqliteHandle } from '../src/lib/server/db/client.ts';
import { migrateDatabase } from '../src/lib/server/db/migrate.ts';
import { tempDataDir } from '../tests/helpers/app-server.ts';
import { seedMeeting } from './lib/seed.ts';
import { runSocketCommand } from '../src/lib/server/commands/socket-door.ts';
import { projectChange, reconcileRoom } from '../src/lib/server/boards/project-change.ts';
import { sessionIdFromToken } from '../src/lib/server/auth/tokens.ts';
import { createSqlitePersistence } from '../server/persistence/sqlite.ts';
import { registerHub } from '../src/lib/server/realtime-seam.ts';
import type { DomainChange } from '../src/lib/server/events.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
	const at = args.indexOf(`--${name}`);
	return at >= 0 ? Number(args[at + 1]) : fallback;
};
const tables = option('tables', 50);
const people = option('people', 1000);
const cards = option('cards', 2000);

const timings = new Map<string, { n: number; ns: bigint }>();
function note(key: string, since: bigint) {
	const t = timings.get(key) ?? { n: 0, ns: 0n };
	t.n++;
	t.ns += process.hrtime.bigint() - since;
	timings.set(key, t);
}

// Every statement of every connection: better-sqlite3's Statement methods, wrapped once.
type Method = (this: { source: string }, ...params: unknown[]) => unknown;
const statementProto = Object.getPrototypeOf(new Database(':memory:').prepare('select 1')) as Record<string, Method>;
for (const name of ['run', 'get', 'all', 'iterate']) {
	const original = statementProto[name];
	statementProto[name] = function (...params) {
		const since = process.hrtime.bigint();
		try {
			return original.apply(this, params);
		} finally {
			note(this.source.replace(/\s+/g, ' ').slice(0, 110), since);
		}
	};
}

const data = tempDataDir();
const db = openDatabase(data.dbPath);
migrateDatabase(db);
const sqlite = sqliteHandle(db);
const exec = sqlite.exec.bind(sqlite);
sqlite.exec = (source: string) => {
	const since = process.hrtime.bigint();
	try {
		return exec(source);
	} finally {
		note(`exec ${source}`, since);
	}
};

const seeded = await seedMeeting(db, { title: 'Bench card SQL', tables, people });
const store = createSqlitePersistence(db);
const docs = new Map<string, Y.Doc>();
let storeUs = 0;
for (const id of seeded.tableIds) {
	const room = `table:${id}`;
	const doc = new Y.Doc();
	await reconcileRoom(db, room, (fn) => doc.transact(() => fn(doc)));
	doc.on('update', (update: Uint8Array) => {
		const t = process.cpuUsage();
		void store.appendUpdate(room, update);
		const d = process.cpuUsage(t);
		storeUs += d.user + d.system;
	});
	docs.set(room, doc);
}
const published: DomainChange[] = [];
registerHub({ publish: (change) => published.push(change), disconnect() {} });
timings.clear();

let projectionUs = 0;
const started = process.cpuUsage();
for (let i = 0; i < cards; i++) {
	const person = seeded.people[i % seeded.people.length];
	const answer = await runSocketCommand(db, {
		holder: { sessionId: sessionIdFromToken(person.token), userId: null, participantId: 'bench' },
		room: `table:${person.tableId}`,
		text: JSON.stringify({ commandId: crypto.randomUUID(), type: 'card.add', text: `Hoe borgen we de kwaliteit? ${i}` }),
		locale: 'nl',
		life: { days: 30, now: Date.now() }
	});
	if (answer.status !== 200) throw new Error(`card ${i} refused: ${answer.status} ${JSON.stringify(answer.body)}`);
	const t = process.cpuUsage();
	for (const change of published.splice(0)) {
		for (const write of projectChange(db, change)) {
			const doc = docs.get(write.room);
			if (doc) await write.write((fn) => doc.transact(() => fn(doc)));
		}
	}
	const d = process.cpuUsage(t);
	projectionUs += d.user + d.system;
}
const all = process.cpuUsage(started);
registerHub(null);

const perCard = (us: number) => Math.round(us / cards);
console.log(`${cards} cards over ${tables} tables: CPU per card ${perCard(all.user + all.system)} µs, of which projection with storage ${perCard(projectionUs)} µs, storage ${perCard(storeUs)} µs\n`);
console.log('| runs per card | µs per card | statement |\n| --- | --- | --- |');
for (const [sql, t] of [...timings].sort((a, b) => Number(b[1].ns - a[1].ns)).slice(0, 30)) {
	console.log(`| ${Math.round((100 * t.n) / cards) / 100} | ${(Number(t.ns) / 1000 / cards).toFixed(1)} | \`${sql}\` |`);
}
data.remove();
