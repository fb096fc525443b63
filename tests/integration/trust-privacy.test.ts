import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballotsMap } from '../../src/lib/realtime/meeting-doc.ts';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { signIn } from '../helpers/fixtures.ts';
import { cmd, fullAnswers, meetingWithPoll } from '../helpers/poll-fixture.ts';
import { connectProvider, waitFor, type TestProvider } from '../helpers/yjs-client.ts';
import { closeTestDatabase, migrateTestDatabase, openTestDatabase } from '../helpers/test-db.ts';

// In a named meeting the one mbo program leader of Regio Zuid is a segment of one: a revealed answer
// that carries "mbo, Regio Zuid" names its author. The room and the projector get no segment per
// answer; the facilitator's own view keeps it.

let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let f: Awaited<ReturnType<typeof meetingWithPoll>> & { facilitatorToken: string };
const open: TestProvider[] = [];

async function call(path: string, token: string, body: unknown) {
	const res = await fetch(`${app.url}/api/meetings/${f.meetingId}/poll${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: app.url, cookie: `denktafel_session=${token}` },
		body: JSON.stringify(body)
	});
	return res.status;
}

function provider(room: string, token: string) {
	const p = connectProvider(app.wsUrl, room, { token, origin: app.url });
	open.push(p);
	return p;
}

beforeAll(async () => {
	data = tempDataDir();
	const db = openTestDatabase(data.dbPath);
	migrateTestDatabase(db);
	const people = [
		{ name: 'Mirjam', sector: 'mbo' as const, region: 'Regio Zuid' },
		...Array.from({ length: 6 }, (_, i) => ({ name: `Deelnemer ${i}`, sector: 'po' as const, region: 'Regio Noord' }))
	];
	const made = await meetingWithPoll(db, people);
	f = { ...made, facilitatorToken: (await signIn(db, { userId: made.userId })).token };
	await closeTestDatabase(db);
	app = await startApp(data.dbPath);
}, 60_000);

afterAll(async () => {
	for (const p of open) p.destroy();
	await app?.stop();
	data?.remove();
});

describe('segments in public views', () => {
	it('reveals answers to the room without the sector and region of each answer', async () => {
		for (const [i, p] of f.people.entries()) {
			expect(await call('/answers', p.token, { commandId: cmd(), answers: fullAnswers(f.questions, i === 0 ? 0 : 1) })).toBe(200);
		}
		const hall = provider(`meeting:${f.meetingId}`, f.people[1].token);
		const desk = provider(`facilitation:${f.meetingId}`, f.facilitatorToken);
		await waitFor(() => hall.provider.synced && desk.provider.synced, 5000, 'sync');
		expect(await call('/reveal', f.facilitatorToken, { commandId: cmd(), questionId: f.questions.positie, revealed: true })).toBe(200);
		await waitFor(() => ballotsMap(hall.doc).size === f.people.length, 5000, 'revealed ballots');
		const shown = Array.from(ballotsMap(hall.doc).values());
		expect(shown.some((b) => b.explanation === 'We zitten aan tafel')).toBe(true);
		expect(shown.every((b) => b.sector === null && b.regionId === null && b.name === null)).toBe(true);
		// The facilitator still filters by segment.
		await waitFor(() => Array.from(ballotsMap(desk.doc).values()).some((b) => b.sector === 'mbo'), 5000, "the facilitator's ballots");
	}, 30_000);

	it('keeps the segment out of a late joiner’s first render too', async () => {
		const late = provider(`meeting:${f.meetingId}`, f.people[2].token);
		await waitFor(() => late.provider.synced && ballotsMap(late.doc).size === f.people.length, 5000, 'sync');
		expect(Array.from(ballotsMap(late.doc).values()).every((b) => b.sector === null && b.regionId === null)).toBe(true);
	});
});
