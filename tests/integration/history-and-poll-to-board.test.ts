import { first } from '#lib/server/db/query.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { facilitatorWithMeeting, signIn } from '../helpers/fixtures.ts';
import { commandId, postCommand } from '../helpers/it-fixture.ts';
import { connectProvider, type TestProvider } from '../helpers/yjs-client.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { participants, pollQuestions, pollResponses } from '../../src/lib/server/db/schema.ts';
import { createRealisticMeeting } from '../../src/lib/server/fixtures/realistic-meeting.ts';
import { listMeetingTables } from '../../src/lib/server/meetings/queries.ts';
import { buildTimeline } from '../../src/lib/server/boards/board-timeline.ts';
import { roomName } from '../../src/lib/realtime/rooms.ts';
import { closeTestDatabase, migrateTestDatabase, openTestDatabase } from '../helpers/test-db.ts';

// The history page and the poll-to-board picker over HTTP: who may open and post them, and that what
// they do reaches a live board.

let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let db: Db;
let meetingId: string;
let tableId: string;
let facilitator: string;
let otherFacilitator: string;
let participant: string;
let textResponseId: string;
const open: TestProvider[] = [];

beforeAll(async () => {
	data = tempDataDir();
	db = openTestDatabase(data.dbPath);
	migrateTestDatabase(db);
	const owner = await facilitatorWithMeeting(db);
	const made = await createRealisticMeeting(db, owner.userId, { now: Date.now(), participants: 12, boards: false });
	meetingId = made.meetingId;
	tableId = (await listMeetingTables(db, meetingId))[0].id;
	facilitator = (await signIn(db, { userId: owner.userId })).token;
	otherFacilitator = (await signIn(db, { userId: (await facilitatorWithMeeting(db)).userId })).token;
	const seated = (await first(db.select({ id: participants.id }).from(participants).where(eq(participants.tableId, tableId))))!.id;
	participant = (await signIn(db, { participantId: seated })).token;
	textResponseId = (await first(db
		.select({ id: pollResponses.id })
		.from(pollResponses)
		.innerJoin(pollQuestions, eq(pollQuestions.id, pollResponses.questionId))
		.where(and(eq(pollResponses.meetingId, meetingId), eq(pollQuestions.type, 'text')))))!.id;
	app = await startApp(data.dbPath);
}, 60_000);

afterAll(async () => {
	for (const p of open) p.destroy();
	await app?.stop();
	if (db) await closeTestDatabase(db);
	data?.remove();
});

const cookie = (token: string | null): Record<string, string> => (token ? { cookie: `denktafel_session=${token}` } : {});

async function get(path: string, token: string | null) {
	const res = await fetch(`${app.url}${path}`, { headers: cookie(token), redirect: 'manual' });
	return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

/** Posts a form as a browser without JavaScript would. */
async function post(path: string, token: string | null, fields: [string, string][]) {
	const res = await fetch(`${app.url}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: app.url, ...cookie(token) },
		body: new URLSearchParams(fields).toString(),
		redirect: 'manual'
	});
	return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

async function waitFor(check: () => boolean, what: string) {
	const until = Date.now() + 10_000;
	while (!check()) {
		if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 25));
	}
}

const historyPath = () => `/tables/${tableId}/history`;
const pickerPath = () => `/meetings/${meetingId}/poll/to-board`;

describe('who may open and post the history page and the picker', () => {
	it('lets the meeting’s facilitator in and keeps everyone else out', async () => {
		for (const path of [historyPath(), pickerPath()]) {
			expect((await get(path, facilitator)).status).toBe(200);
			expect((await get(path, otherFacilitator)).status).toBe(403);
			// Not a staff account: the facilitator area sends participants and strangers to the login.
			for (const token of [participant, null]) {
				const res = await get(path, token);
				expect(res.status).toBe(303);
				expect(res.location).toMatch(/^\/login\?redirectTo=/);
			}
		}
	});

	it('refuses a restore, an undo and cards from the poll to anyone but the facilitator, changing nothing', async () => {
		const before = (await buildTimeline(db, tableId)).length;
		const attempts: [string, [string, string][]][] = [
			[`${historyPath()}?/restore`, [['commandId', commandId()], ['toSeq', '0']]],
			[`${historyPath()}?/undo`, [['commandId', commandId()], ['seq', '1']]],
			[`${pickerPath()}?/create`, [['commandId', commandId()], ['tableId', tableId], ['item', `${textResponseId}:answer`]]]
		];
		for (const [path, fields] of attempts) {
			expect((await post(path, otherFacilitator, fields)).status).toBe(403);
			expect((await post(path, participant, fields)).status).toBe(303);
			expect((await post(path, null, fields)).status).toBe(303);
		}
		expect(await buildTimeline(db, tableId)).toHaveLength(before);
	});
});

describe('what the facilitator does there reaches the live board', () => {
	it('puts a picked answer on the table, restores the empty board, and undoes the restore', async () => {
		const watcher = connectProvider(app.wsUrl, roomName('table', tableId), { token: participant, origin: app.url });
		open.push(watcher);
		const texts = () => watcher.cards().map((c) => c.text);

		const created = await post(`${pickerPath()}?/create`, facilitator, [['commandId', commandId()], ['tableId', tableId], ['item', `${textResponseId}:answer`]]);
		expect(created.status).toBe(200);
		await waitFor(() => texts().length === 1, 'the card from the poll');
		expect(created.text).toContain(texts()[0].slice(0, 20));

		// A refusal comes back as a message with a status that means it: no answers chosen.
		const none = await post(`${pickerPath()}?/create`, facilitator, [['commandId', commandId()], ['tableId', tableId]]);
		expect(none.status).toBe(422);

		const restored = await post(`${historyPath()}?/restore`, facilitator, [['commandId', commandId()], ['toSeq', '0']]);
		expect(restored.status).toBe(200);
		await waitFor(() => texts().length === 0, 'the restored (empty) board');
		const [restore] = await buildTimeline(db, tableId);
		expect(restore.type).toBe('board.restore');

		const undone = await post(`${historyPath()}?/undo`, facilitator, [['commandId', commandId()], ['seq', String(restore.seq)]]);
		expect(undone.status).toBe(200);
		await waitFor(() => texts().length === 1, 'the card back after undoing the restore');
		// Undoing it twice is refused: it is no longer the facilitator's last command.
		const again = await post(`${historyPath()}?/undo`, facilitator, [['commandId', commandId()], ['seq', String(restore.seq)]]);
		expect(again.status).toBe(409);
	}, 30_000);

	it('answers a participant’s undo over the JSON endpoint with a refusal that says why', async () => {
		const res = await postCommand(app.url, `/api/tables/${tableId}/commands`, participant, { type: 'command.undo' });
		expect(res.status).toBe(409);
		expect(res.body).toMatchObject({ message: 'Er is niets van jou om ongedaan te maken.' });
	});
});
