import { mapInOrder } from '../src/lib/server/in-order.ts';
import { closeDatabase } from '../src/lib/server/db/client.ts';
import { first } from '#lib/server/db/query.ts';
// The poll scenario for the benchmark harness (issue #7 picks it up): N participants submit the whole
// Opdenksessie poll at the same moment over HTTP, while a facilitator watches the counts arrive in the
// facilitation room with the stock y-websocket client.
// Reports: all persisted (responses in SQL), p50/p95 time to commit (the HTTP round trip), and the
// time until the facilitator's doc shows N answers to every question.
// Usage: node bench/poll-burst.ts [--quick] [--participants 1000]   (npm run build first)
// Participants are made through the domain's join function (the HTTP join is rate limited per IP, and
// every simulated person here shares one IP); their answers go through the real endpoint.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { count, eq } from 'drizzle-orm';
import { startApp, tempDataDir } from '../tests/helpers/app-server.ts';
import { command } from './lib/http.ts';
import { facilitatorWithMeeting, joinAs, signIn } from '../tests/helpers/fixtures.ts';
import { connectProvider, waitFor } from '../tests/helpers/yjs-client.ts';
import { openDatabase } from '../src/lib/server/db/client.ts';
import { migrateDatabase } from '../src/lib/server/db/migrate.ts';
import { meetings, pollQuestions, pollResponses } from '../src/lib/server/db/schema.ts';
import { createRealisticMeeting } from '../src/lib/server/fixtures/realistic-meeting.ts';
import { countsMap } from '../src/lib/realtime/meeting-doc.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const at = args.indexOf('--participants');
const PARTICIPANTS = at >= 0 ? Number(args[at + 1]) : quick ? 200 : 1000;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (n: number) => Math.round(n * 10) / 10;

const data = tempDataDir();
const db = openDatabase(data.dbPath);
migrateDatabase(db);
const owner = await facilitatorWithMeeting(db);
// The template's poll, nobody in it yet.
const made = await createRealisticMeeting(db, owner.userId, { now: Date.now(), participants: 0, boards: false, title: 'Pollbelasting' });
const joinCode = (await first(db.select({ code: meetings.joinCode }).from(meetings).where(eq(meetings.id, made.meetingId))))!.code;
const questions = await db.select().from(pollQuestions).where(eq(pollQuestions.meetingId, made.meetingId));
const answers = questions.map((q) => ({
	questionId: q.id,
	value:
		q.type === 'single'
			? [q.options[0].id]
			: q.type === 'multiple'
				? q.options.slice(0, Math.max(1, Math.min(2, q.maxChoices ?? 2))).map((o) => o.id)
				: q.type === 'ranking'
					? q.options.map((o) => o.id)
					: q.type === 'scale'
						? (q.scaleMin ?? 1)
						: 'Een antwoord in eigen woorden.'
}));
const people = await mapInOrder(Array.from({ length: PARTICIPANTS }, (_, i) => i), async (i) => (await signIn(db, { participantId: (await joinAs(db, joinCode, `Deelnemer ${i + 1}`)).participantId })).token);
const facilitator = (await signIn(db, { userId: owner.userId })).token;

const app = await startApp(data.dbPath, { DENKTAFEL_VERIFY_DOCS: '0' });
try {
	const watcher = connectProvider(app.wsUrl, `facilitation:${made.meetingId}`, { token: facilitator, origin: app.url });
	await waitFor(() => watcher.provider.synced, 10_000, 'facilitation sync');
	const everyoneCounted = () => questions.every((q) => countsMap(watcher.doc).get(q.id) === PARTICIPANTS);

	const commit: number[] = [];
	let failed = 0;
	const started = performance.now();
	let seenAll = 0;
	const seen = waitFor(everyoneCounted, 120_000, 'the counts').then(() => (seenAll = performance.now() - started));
	await Promise.all(
		people.map(async (token) => {
			const t0 = performance.now();
			// A dropped connection (a reset under load) is retried with the same command id: applied once.
			const res = await command(app.url, `/api/meetings/${made.meetingId}/poll/answers`, token, { answers }).catch(() => null);
			commit.push(performance.now() - t0);
			if (!res || res.status < 200 || res.status > 299) failed++;
		})
	);
	const allAnswered = performance.now() - started;
	await seen.catch(() => {});
	commit.sort((a, b) => a - b);
	const stored = (await first(db.select({ n: count() }).from(pollResponses).where(eq(pollResponses.meetingId, made.meetingId))))!.n;
	const result = {
		date: new Date().toISOString(),
		node: process.version,
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model,
		participants: PARTICIPANTS,
		questions: questions.length,
		failed,
		responsesStored: stored,
		allPersisted: stored === PARTICIPANTS * questions.length,
		commitP50: round(percentile(commit, 50)),
		commitP95: round(percentile(commit, 95)),
		allCommittedMs: round(allAnswered),
		facilitatorSeesAllMs: seenAll ? round(seenAll) : null,
		concurrency: 'all at once'
	};
	console.log(
		`poll burst: ${PARTICIPANTS} participants × ${questions.length} questions; failed ${failed}; stored ${stored} (all: ${result.allPersisted}); ` +
			`commit p50 ${result.commitP50} ms, p95 ${result.commitP95} ms; all committed in ${result.allCommittedMs} ms; facilitator sees ${PARTICIPANTS} after ${result.facilitatorSeesAllMs} ms`
	);
	mkdirSync('bench/results', { recursive: true });
	writeFileSync('bench/results/poll-burst.json', JSON.stringify(result, null, '\t') + '\n');
	console.log('written: bench/results/poll-burst.json');
	watcher.destroy();
} finally {
	await app.stop();
	closeDatabase(db);
	data.remove();
}
