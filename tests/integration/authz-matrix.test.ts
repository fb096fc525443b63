import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { ROOM_KINDS } from '../../src/lib/realtime/rooms.ts';
import { routeKeysOnDisk } from './authz/routes-on-disk.ts';
import { freshMeeting, ROLES, seedPeople, type People } from './authz/world.ts';
import { probeHttp, probeRoom, type Outcome, type Probe } from './authz/probe.ts';
import { MATRIX, type Row } from './authz/matrix.ts';
import { closeTestDatabase, migrateTestDatabase, openTestDatabase } from '../helpers/test-db.ts';

// Every page, form action, endpoint and realtime room × every role → what the server answers. The
// table lives in ./authz/matrix.ts (one row per route); a route on disk without a row fails here.
// `MATRIX_RECORD=1` prints what the server answers now, in the table's format, to help add a row.

let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let db: Db;
let people: People;

beforeAll(async () => {
	data = tempDataDir();
	db = openTestDatabase(data.dbPath);
	migrateTestDatabase(db);
	people = await seedPeople(db);
	app = await startApp(data.dbPath);
}, 60_000);

afterAll(async () => {
	if (db) await closeTestDatabase(db);
	await app?.stop();
	data?.remove();
});

async function answers(row: Row): Promise<Outcome[]> {
	const got: Outcome[] = [];
	const changes = !row.key.startsWith('GET ') && !row.key.startsWith('ROOM ');
	let ids = await freshMeeting(db, people);
	for (const role of ROLES) {
		// After a request that went through, a fresh meeting: it may have changed or deleted what the next
		// role's request needs (a refused one changed nothing — that is what the row claims).
		const last = got.at(-1);
		if (changes && typeof last === 'number' && last < 400) ids = await freshMeeting(db, people);
		const token = ids.sessions[role] ?? null;
		got.push(row.key.startsWith('ROOM ') ? await probeRoom(app, row.path, ids, role, token) : await probeHttp(app, row, ids, role, token));
	}
	return got;
}

describe('the authorization matrix', () => {
	it('has exactly one row for every route on disk and every room kind', () => {
		const expected = [...routeKeysOnDisk(), ...ROOM_KINDS.map((k) => `ROOM ${k}`)].sort();
		const keys = MATRIX.map((r) => r.key);
		const missing = expected.filter((k) => !keys.includes(k));
		const stale = keys.filter((k) => !expected.includes(k));
		const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
		expect({ missing, stale, twice }).toEqual({ missing: [], stale: [], twice: [] });
	});

	if (process.env.MATRIX_RECORD) {
		it('records what the server answers now', async () => {
			const lines: string[] = [];
			for (const key of [...routeKeysOnDisk(), ...ROOM_KINDS.map((k) => `ROOM ${k}`)]) {
				const row = MATRIX.find((r) => r.key === key) ?? { key, path: '?', expect: [] as unknown as Row['expect'] };
				if (row.path === '?') {
					lines.push(`MISSING ${key}`);
					continue;
				}
				lines.push(`${key}\t${JSON.stringify(await answers(row))}`);
			}
			console.log(lines.join('\n'));
			expect(lines.length).toBeGreaterThan(0);
		}, 600_000);
		return;
	}

	it.each(MATRIX.map((row) => [row.key, row] as const))('%s', async (_key, row) => {
		const got = await answers(row);
		expect(Object.fromEntries(ROLES.map((role, i) => [role, got[i]]))).toEqual(
			Object.fromEntries(ROLES.map((role, i) => [role, row.expect[i]]))
		);
	});
});

// Ids of meeting A's things under meeting B's address, sent by B's own facilitator or participant: the
// route's own check passes (B is theirs), so only the lookup by both ids stands between them and A.
const CROSSED: ReadonlyArray<[Probe, 'otherFacilitator' | 'otherParticipant', Outcome]> = [
	[{ key: 'GET x', path: '/api/meetings/{otherMeeting}/report/history/{export}' }, 'otherFacilitator', 404],
	[{ key: 'PUT x', path: '/api/meetings/{otherMeeting}/poll/questions/{question}', json: { commandId: '{cmd}', key: 'positie', type: 'text', prompt: 'Overgenomen?' } }, 'otherFacilitator', 404],
	[{ key: 'DELETE x', path: '/api/meetings/{otherMeeting}/poll/questions/{question}', json: { commandId: '{cmd}' } }, 'otherFacilitator', 404],
	[{ key: 'POST x', path: '/api/meetings/{otherMeeting}/poll/reveal', json: { commandId: '{cmd}', questionId: '{question}', revealed: true } }, 'otherFacilitator', 404],
	[{ key: 'PUT x', path: '/api/meetings/{otherMeeting}/poll/answers/{question}', json: { commandId: '{cmd}', value: 'kern' } }, 'otherParticipant', 422], // an unknown question of this poll
	[{ key: 'POST x', path: '/api/meetings/{otherMeeting}/board', json: { type: 'tables.message', commandId: '{cmd}', text: 'Hallo', tableIds: ['{table}'] } }, 'otherFacilitator', 404]
];

describe("another meeting's ids under one's own meeting", () => {
	it.each(CROSSED.map((c) => [c[0].path, ...c] as const))('%s', async (_path, probe, role, expected) => {
		const ids = await freshMeeting(db, people);
		expect(await probeHttp(app, probe, ids, role, ids.sessions[role] ?? null)).toBe(expected);
	});
});
