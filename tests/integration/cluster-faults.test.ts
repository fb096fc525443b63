import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startApp, type RunningApp } from '../helpers/app-server.ts';
import { startPostgres, type RunningPostgres } from '../helpers/postgres-server.ts';
import { startRedis, type RunningRedis } from '../helpers/redis-server.ts';
import { commandId } from '../helpers/it-fixture.ts';
import { atTable, post, seedMeetings, type Answer, type ClusterMeeting, type Door } from '../helpers/cluster-fixture.ts';
import { startFailoverProxy, type FailoverProxy } from '../helpers/failover-proxy.ts';
import { connectProvider, waitFor, type TestProvider } from '../helpers/yjs-client.ts';
import { roomName } from '../../src/lib/realtime/rooms.ts';

// The fault tests of cluster mode (issue 17): two real app processes on one PostgreSQL and one Redis,
// one owner per meeting. The owner dies with kill -9 in the middle of a card and vote burst, and Redis
// goes away for a second while commands stream in through the non-owner. Nothing acknowledged may be
// lost or doubled, no budget exceeded, and the stock clients' docs must end equal to SQL.

const VOTE_BUDGET = 3;
const CLIENTS = 20;
/** Per client: cards and votes alternating, one vote more than the budget allows. */
const CARDS_EACH = VOTE_BUDGET + 1;
const VOTES_EACH = VOTE_BUDGET + 1;
/** How long the owner goes on committing, its answers lost, before its kill -9. */
const SILENCE_MS = 500;

let postgres: RunningPostgres;
let redis: RunningRedis;
let url: string;
let sql: pg.Client;
let a: RunningApp;
let b: RunningApp;
let proxy: FailoverProxy;
const apps: RunningApp[] = [];
const open: TestProvider[] = [];

// The test servers' doc verifier (server/verify-docs.ts) re-reads a whole board after every write; with
// twenty clients in a burst on this 2-core machine it would be most of the work. Off: each test compares
// the stock clients' boards with SQL at its end instead.
const appEnv = (name: string) => ({ REDIS_URL: redis.url, DENKTAFEL_NODE_NAME: name, DENKTAFEL_VERIFY_DOCS: '0' });

async function launch(name: string): Promise<RunningApp> {
	const app = await startApp(url, appEnv(name));
	apps.push(app);
	return app;
}

/** A stock client on the meeting's table board, naming the meeting as the browser does (for the proxy's hash). */
function watch(app: Door & { wsUrl: string }, m: ClusterMeeting, token: string): TestProvider {
	const p = connectProvider(app.wsUrl, `${roomName('table', m.tableId)}?meeting=${m.id}`, { token, origin: app.url });
	open.push(p);
	return p;
}

/** What SQL holds on the meeting's table: each live card's text with the dots on it. */
async function sqlBoard(m: ClusterMeeting): Promise<Map<string, number>> {
	const { rows } = await sql.query<{ text: string; votes: number }>(
		`select c.text, coalesce(sum(v.dots), 0)::int as votes
		   from cards c left join votes v on v.card_id = c.id
		  where c.table_id = $1 and c.merged_into_id is null and c.hidden_at is null and c.withdrawn_at is null
		  group by c.id, c.text`,
		[m.tableId]
	);
	return new Map(rows.map((row) => [row.text, row.votes]));
}

/** The same as a stock client's board shows it (tallies are live in this vote phase). */
function docBoard(p: TestProvider): Map<string, number> {
	return new Map(p.cards().map((card) => [card.text, card.votes ?? 0]));
}

/** A command as the browser sends it: with the meeting the proxy hashes on (checked by the server). */
const command = (door: Door, m: ClusterMeeting, token: string, body: Record<string, unknown>) =>
	atTable(door, m, token, body, { 'x-denktafel-meeting': m.id });

const sorted = (board: Map<string, number>) => [...board.entries()].sort(([x], [y]) => x.localeCompare(y));

describe('cluster mode under faults', () => {
	beforeAll(async () => {
		[postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
		// PostgreSQL itself stays up in these tests, so the harness's synchronous_commit=off loses nothing
		// acknowledged (it matters only when PostgreSQL crashes; see postgres-outage.test.ts).
		url = await postgres.createDatabase();
		sql = new pg.Client({ connectionString: url });
		await sql.connect();
		[a, b] = await Promise.all([launch('a'), launch('b')]);
		// Ahead of both, in this order: everything reaches A while it lives, then B.
		proxy = await startFailoverProxy([a.port, b.port]);
	}, 50_000);

	afterAll(async () => {
		for (const p of open) p.destroy();
		await proxy?.close();
		await sql?.end().catch(() => {});
		await Promise.all(apps.map((app) => app.stop()));
		await Promise.all([redis?.stop(), postgres?.stop()]);
	});

	it('kill -9 of the owner during a 20-client card and vote burst: the other process takes the meeting over, every acknowledged command is there once, no budget is exceeded, docs equal SQL', async () => {
		const [m] = seedMeetings(url, ['Sessie met uitval'], { people: CLIENTS });
		// Everything goes through the proxy, which sends it to A while A lives. The facilitator's socket
		// makes A the meeting's owner; the vote phase takes late cards too.
		const facilitator = watch(proxy, m, m.facilitator);
		await waitFor(() => facilitator.provider.synced, 10_000, 'the facilitator on A');
		const settings = await post(proxy, `/api/meetings/${m.id}/board`, m.facilitator, {
			type: 'board.settings', voteBudget: VOTE_BUDGET, votePerCardMax: null, talliesLive: true, lateCards: true, participantsChooseTable: true
		}, { 'x-denktafel-meeting': m.id });
		expect(settings.status).toBe(200);
		expect((await command(proxy, m, m.facilitator, { type: 'phase.set', phase: 'vote', seconds: 600 })).status).toBe(200);
		const seedCards: string[] = [];
		for (let i = 0; i < 4; i++) {
			const res = await command(proxy, m, m.facilitator, { type: 'card.add', text: `Startvraag ${i}` });
			seedCards.push((res.body!.result as { card: { id: string } }).card.id);
		}
		const clients = m.people.map((person) => watch(proxy, m, person.token));
		const everyone = [facilitator, ...clients];
		await waitFor(() => clients.every((p) => p.provider.synced), 15_000, 'twenty clients on A');
		expect(proxy.down()).toEqual([]);

		// The burst: each client sends its commands one after another, all twenty at once. Halfway through
		// the answers A hangs on its way down (the proxy passes requests to it, its answers are lost) and half
		// a second later dies with kill -9: commands it committed meanwhile are committed but unanswered. A
		// command left unanswered is sent again with the same command id until it is answered: through the
		// proxy, which sends it to B once A refuses connections.
		const total = CLIENTS * (CARDS_EACH + VOTES_EACH);
		let answered = 0;
		let retries = 0;
		// (An object: TypeScript does not see assignments made in the callbacks below.)
		const fault: { killedAt: number; killedAtEpoch: number; killed?: Promise<void>; takeover?: Promise<number> } = { killedAt: 0, killedAtEpoch: 0 };
		const killA = async () => {
			proxy.silence(a.port);
			await new Promise((resolve) => setTimeout(resolve, SILENCE_MS));
			fault.killedAt = performance.now();
			fault.killedAtEpoch = Date.now();
			// Takeover as a client sees it: from the kill until the facilitator's socket, cut with A, is synced
			// again (on B, after B's 4503s while A's lease connection was still alive).
			const closesBefore = facilitator.closes.length;
			const back = () => facilitator.closes.length > closesBefore && facilitator.provider.wsconnected && facilitator.provider.synced;
			fault.takeover = waitFor(back, 15_000, 'the facilitator back on B').then(() => performance.now() - fault.killedAt);
			fault.takeover.catch(() => {}); // awaited below
			await a.kill();
		};
		const retried = new Set<string>();
		const sendUntilAnswered = async (token: string, body: Record<string, unknown>): Promise<Answer> => {
			for (let attempt = 0; attempt < 500; attempt++) {
				const answer = await command(proxy, m, token, body).catch(() => null);
				if (answer && answer.status < 500) {
					if (++answered === total / 2) fault.killed = killA();
					return answer;
				}
				retries += 1;
				retried.add(String(body.commandId));
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			throw new Error(`command ${String(body.commandId)} was never answered`);
		};
		const log: Array<{ person: number; type: string; commandId: string; text?: string; answer: Answer }> = [];
		await Promise.all(
			m.people.map(async (person, i) => {
				for (let k = 0; k < CARDS_EACH + VOTES_EACH; k++) {
					const body =
						k % 2 === 0
							? { commandId: commandId(), type: 'card.add', text: `Vraag ${i}.${k}` }
							: { commandId: commandId(), type: 'vote.cast', cardId: seedCards[(i + k) % seedCards.length] };
					log.push({ person: i, type: body.type, commandId: body.commandId, text: 'text' in body ? body.text : undefined, answer: await sendUntilAnswered(person.token, body) });
				}
			})
		);
		expect(fault.killed, 'A was killed midway').toBeDefined();
		await fault.killed;
		expect(proxy.down()).toEqual([a.port]);

		// Every command was answered by now: cards accepted, votes accepted up to the budget.
		const unexpected = log.filter((entry) => !(entry.answer.status === 200 || (entry.type === 'vote.cast' && entry.answer.status === 409 && entry.answer.body?.error === 'budget-spent')));
		expect(unexpected.map((entry) => `${entry.type} ${entry.answer.status} ${JSON.stringify(entry.answer.body)}`)).toEqual([]);
		const acknowledged = log.filter((entry) => entry.answer.status === 200);

		// The sockets went down with A and came back by themselves, through the proxy, to B.
		const takeoverMs = await fault.takeover!;
		await waitFor(() => clients.every((p) => p.provider.wsconnected && p.provider.synced), 15_000, 'every client on B');
		const allBackMs = performance.now() - fault.killedAt;
		const refused = everyone.reduce((n, p) => n + p.closes.filter((c) => c.code === 4503).length, 0);

		// Every acknowledged command is in SQL exactly once.
		const { rows: logged } = await sql.query<{ command_id: string; n: number }>(
			'select command_id, count(*)::int as n from command_log where command_id = any($1) group by command_id',
			[acknowledged.map((entry) => entry.commandId)]
		);
		expect(logged).toHaveLength(acknowledged.length);
		expect(logged.every((row) => row.n === 1)).toBe(true);
		const { rows: cardRows } = await sql.query<{ text: string; n: number }>(
			'select text, count(*)::int as n from cards where table_id = $1 group by text',
			[m.tableId]
		);
		const cardsInSql = new Map(cardRows.map((row) => [row.text, row.n]));
		for (const entry of acknowledged.filter((e) => e.type === 'card.add')) expect(cardsInSql.get(entry.text!), entry.text).toBe(1);
		expect(cardRows.reduce((n, row) => n + row.n, 0)).toBe(seedCards.length + CLIENTS * CARDS_EACH);

		// Each participant's dots are exactly their acknowledged votes, and never above the budget.
		const { rows: dots } = await sql.query<{ participant_id: string; dots: number }>(
			'select participant_id, sum(dots)::int as dots from votes where meeting_id = $1 group by participant_id',
			[m.id]
		);
		const dotsOf = new Map(dots.map((row) => [row.participant_id, row.dots]));
		m.people.forEach((person, i) => {
			const votes = acknowledged.filter((entry) => entry.person === i && entry.type === 'vote.cast').length;
			expect(votes).toBe(VOTE_BUDGET);
			expect(dotsOf.get(person.id) ?? 0).toBe(votes);
		});

		// Among them, commands A committed (unanswered) before it died: B answered them from the command log
		// rather than applying them again (the checks above show once).
		const { rows: replayed } = await sql.query<{ n: number }>(
			'select count(*)::int as n from command_log where command_id = any($1) and at < $2',
			[[...retried], fault.killedAtEpoch]
		);
		expect(replayed[0].n).toBeGreaterThan(0);

		// B serves the meeting, and every client's board (read from B) equals SQL.
		const truth = sorted(await sqlBoard(m));
		expect(truth).toHaveLength(seedCards.length + CLIENTS * CARDS_EACH);
		await waitFor(() => everyone.every((p) => JSON.stringify(sorted(docBoard(p))) === JSON.stringify(truth)), 5_000, 'the boards on B to equal SQL');
		const fresh = watch(b, m, m.people[0].token);
		await waitFor(() => fresh.provider.synced, 5_000, 'a new socket on B');
		expect(sorted(docBoard(fresh))).toEqual(truth);

		console.log(
			`[cluster-faults] answers lost after ${total / 2} of ${total}, kill -9 ${SILENCE_MS} ms later: ${acknowledged.length} acknowledged, ${retries} retries of ${retried.size} commands ` +
				`(${replayed[0].n} of them committed by A before it died); ` +
				`first client synced on B after ${takeoverMs.toFixed(0)} ms, all ${CLIENTS + 1} after ${allBackMs.toFixed(0)} ms (${refused} × 4503)`
		);
	}, 30_000);

	it('Redis restarted while commands stream in through the non-owner: every command succeeds, and the client on the owner converges to SQL within 2 s of Redis being back', async () => {
		const [m] = seedMeetings(url, ['Sessie zonder Redis']);
		// A died in the test above (or this runs alone): the non-owner is a process of its own.
		const c = await launch('c');
		const watcher = watch(b, m, m.people[0].token); // the first socket: B owns the meeting
		await waitFor(() => watcher.provider.synced, 10_000, 'the client on B');

		// When each card first reached the client on B.
		const seenAt = new Map<string, number>();
		const onUpdate = () => {
			for (const card of watcher.cards()) if (!seenAt.has(card.text)) seenAt.set(card.text, performance.now());
		};
		watcher.doc.on('update', onUpdate);

		// Commands go to C one after another, without pause, while Redis goes away for a second and comes back.
		const redisDown = { from: 0, until: 0 };
		const sent: Array<{ text: string; at: number; status: number }> = [];
		let streaming = true;
		const stream = (async () => {
			for (let i = 0; streaming; i++) {
				const text = `Stroom ${i}`;
				const at = performance.now();
				const answer = await command(c, m, m.facilitator, { type: 'card.add', text });
				sent.push({ text, at, status: answer.status });
			}
		})();
		await new Promise((resolve) => setTimeout(resolve, 500));
		redisDown.from = performance.now();
		await redis.stopServer();
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		await redis.startServer();
		redisDown.until = performance.now();
		await new Promise((resolve) => setTimeout(resolve, 500));
		streaming = false;
		await stream;

		// Commands never wait for Redis: every one was acknowledged, during the outage too.
		expect(sent.filter((command) => command.status !== 200)).toEqual([]);
		const duringOutage = sent.filter((command) => command.at > redisDown.from && command.at < redisDown.until);
		expect(duringOutage.length).toBeGreaterThan(0);

		// Converged: the client on B holds what SQL holds. Timed from Redis being back until the last card
		// the client lacked (its hint lost with Redis) arrived.
		await waitFor(async () => JSON.stringify(sorted(docBoard(watcher))) === JSON.stringify(sorted(await sqlBoard(m))), 2_000, 'the client on B to equal SQL');
		watcher.doc.off('update', onUpdate);
		expect(sent.every((command) => seenAt.has(command.text))).toBe(true);
		const convergedMs = Math.max(0, ...sent.map((command) => seenAt.get(command.text)! - redisDown.until));
		console.log(
			`[cluster-faults] Redis away ${(redisDown.until - redisDown.from).toFixed(0)} ms: ${sent.length} commands to the non-owner, all 200, ` +
				`${duringOutage.length} while it was away; the client on the owner converged ${convergedMs.toFixed(0)} ms after Redis was back`
		);
		expect(convergedMs).toBeLessThan(2_000);
	}, 30_000);
});
