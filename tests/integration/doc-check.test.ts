import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { commandId, seedTwoMeetings } from '../helpers/it-fixture.ts';
import { openCommander, type Commander } from '../helpers/socket-commander.ts';
import { connectProvider, waitFor, type TestProvider } from '../helpers/yjs-client.ts';
import { boardCards } from '../../src/lib/realtime/board-doc.ts';

// The doc check every spawned test server runs (DENKTAFEL_VERIFY_DOCS=1, server/verify-docs.ts) is
// live: commands that several people send at once (committed together by group commit) are written
// into the loaded rooms, each room is compared with SQL, and no comparison differs.

const METRICS_TOKEN = 'metrics-token-for-doc-check';

let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let f: Awaited<ReturnType<typeof seedTwoMeetings>>;
const open: Array<Commander | TestProvider> = [];

beforeAll(async () => {
	data = tempDataDir();
	f = await seedTwoMeetings(data.dbPath);
	app = await startApp(data.dbPath, { METRICS_TOKEN });
}, 60_000);

afterAll(async () => {
	for (const c of open) c.destroy();
	// Also fails here when the server logged a mismatch (tests/helpers/app-server.ts).
	await app?.stop();
	data?.remove();
});

async function metric(name: string): Promise<number> {
	const res = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
	const line = (await res.text()).split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
	return Number(line?.split(' ').at(-1) ?? 0);
}

const cookie = (token: string) => `denktafel_session=${token}`;

describe('the doc check in a test server', () => {
	it('compares the loaded rooms with SQL after a burst from several people at once, and finds them equal', async () => {
		const anna = await openCommander(app.wsUrl, `table:${f.tableA}`, { cookie: cookie(f.anna.token), origin: app.url });
		const bram = await openCommander(app.wsUrl, `table:${f.tableA}`, { cookie: cookie(f.bram.token), origin: app.url });
		const facilitation = connectProvider(app.wsUrl, `facilitation:${f.meetingA}`, { token: f.facilitator, origin: app.url });
		const own = connectProvider(app.wsUrl, `participant:${f.anna.id}`, { token: f.anna.token, origin: app.url });
		open.push(anna, bram, facilitation, own);
		await waitFor(() => facilitation.provider.synced && own.provider.synced, 5000, 'the facilitation and own rooms');

		// Sent in one go from two sockets: the server commits them in groups.
		const sent = await Promise.all(
			Array.from({ length: 12 }, (_, i) => (i % 2 ? bram : anna).send({ commandId: commandId(), type: 'card.add', text: `Kernvraag ${i + 1}` }))
		);
		expect(sent.map((a) => (typeof a === 'string' ? a : a.status))).toEqual(Array(12).fill(200));
		await waitFor(() => boardCards(anna.doc).size === 12, 5000, 'every card in the doc');

		await waitFor(async () => (await metric('denktafel_doc_checks_total')) >= 3, 10_000, 'checks of the table, facilitation and own rooms');
		expect(await metric('denktafel_doc_mismatches_total')).toBe(0);
	});
});
