import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { postCommand } from '../helpers/it-fixture.ts';
import { facilitatorWithMeeting, joinAs, signIn } from '../helpers/fixtures.ts';
import { connectProvider, waitFor, type TestProvider } from '../helpers/yjs-client.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { yjsUpdates } from '../../src/lib/server/db/schema.ts';
import { closeTestDatabase, migrateTestDatabase, openTestDatabase } from '../helpers/test-db.ts';

// Deleting a meeting's personal data while its rooms are live: nothing of the names may survive in
// the stored history of a room that was in memory at that moment.

const NAME = 'Annemarie Zwaneveld';
let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let db: Db;
let meetingId: string;
let tableId: string;
let facilitator: string;
let participant: string;
const open: TestProvider[] = [];

const stored = async (room: string) =>
	(await db
		.select({ data: yjsUpdates.data })
		.from(yjsUpdates)
		.where(eq(yjsUpdates.room, room)))
		.some((r) => Buffer.from(r.data).includes(Buffer.from(NAME)));

beforeAll(async () => {
	data = tempDataDir();
	db = openTestDatabase(data.dbPath);
	migrateTestDatabase(db);
	const m = await facilitatorWithMeeting(db);
	meetingId = m.meetingId;
	tableId = m.tableId;
	facilitator = (await signIn(db, { userId: m.userId })).token;
	participant = (await signIn(db, { participantId: (await joinAs(db, m.joinCode, NAME)).participantId })).token;
	app = await startApp(data.dbPath);
}, 60_000);

afterAll(async () => {
	for (const p of open) p.destroy();
	await app?.stop();
	if (db) await closeTestDatabase(db);
	data?.remove();
});

describe('deleting personal data while rooms are live', () => {
	it('leaves no name in the stored history of a loaded room, nor in what a client receives', async () => {
		const board = connectProvider(app.wsUrl, `table:${tableId}`, { token: facilitator, origin: app.url });
		open.push(board);
		await waitFor(() => board.provider.synced, 5000, 'sync');
		const added = await postCommand(app.url, `/api/tables/${tableId}/commands`, participant, { type: 'card.add', text: 'Wie betaalt?' });
		expect(added.status).toBe(200);
		await waitFor(() => board.cards().some((c) => c.authorName === NAME), 5000, 'the card with its author');
		expect(await stored(`table:${tableId}`)).toBe(true);
		// The facilitation room keeps hidden cards with their author: hide one while it is loaded.
		const staff = connectProvider(app.wsUrl, `facilitation:${meetingId}`, { token: facilitator, origin: app.url });
		open.push(staff);
		await waitFor(() => staff.provider.synced, 5000, 'facilitation sync');
		const second = await postCommand(app.url, `/api/tables/${tableId}/commands`, participant, { type: 'card.add', text: 'Noemt een collega' });
		const hidden = await postCommand(app.url, `/api/tables/${tableId}/commands`, facilitator, {
			type: 'card.hide',
			cardId: (second.body!.result as { card: { id: string } }).card.id,
			reason: 'Persoonlijk'
		});
		expect(hidden.status).toBe(200);
		await waitFor(() => stored(`facilitation:${meetingId}`), 5000, 'the hidden card stored with its author');

		const res = await fetch(`${app.url}/api/meetings/${meetingId}/personal-data`, {
			method: 'DELETE',
			headers: { cookie: `denktafel_session=${facilitator}`, origin: app.url }
		});
		expect(res.status).toBe(200);
		// The room keeps living afterwards: another card, more stored updates.
		const later = await postCommand(app.url, `/api/tables/${tableId}/cards`, facilitator, { text: 'Na het wissen' });
		expect(later.status).toBe(201);
		const fresh = connectProvider(app.wsUrl, `table:${tableId}`, { token: facilitator, origin: app.url });
		open.push(fresh);
		await waitFor(() => fresh.provider.synced && fresh.cards().some((c) => c.text === 'Na het wissen'), 5000, 'the fresh client');
		expect(JSON.stringify(fresh.doc.toJSON())).not.toContain(NAME);
		expect(fresh.cards().find((c) => c.text === 'Wie betaalt?')).toBeTruthy();
		for (const room of [`table:${tableId}`, `facilitation:${meetingId}`, `meeting:${meetingId}`]) expect(await stored(room)).toBe(false);
		// The client that was connected was sent away and came back to the rebuilt room.
		await waitFor(() => board.cards().some((c) => c.text === 'Na het wissen'), 5000, 'the old client, reconnected');
		expect(board.closes.length).toBeGreaterThan(0);
	});
});
