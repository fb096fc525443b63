// Scenario 4: a vote burst. Every participant casts their whole budget as fast as they can (one
// dot after another, as a person taps; all participants at once, from both generator threads).
// Figures: votes/s, commit time p50/p95 (the round trip: checks, SQL commit), lost votes (a 200 that
// SQL does not hold; must be 0), and whether the tallies in the table's doc equal SQL.
// The votes go by the door our browser uses (#18): a command frame on each voter's table-room socket,
// opened before the burst as the board holds it (so every vote's doc update also fans out to all the
// voters). `--votes-via http` sends them as POSTs instead, as before #18, with no voter sockets unless
// `--votes-hold-sockets` opens them too (the same fan-out, only the door differs).
// The reference has no server-decided votes, so there is no like-for-like figure for it.
import { eq, sql } from 'drizzle-orm';
import { LoadPool } from '../lib/load-pool.ts';
import type { VoteDoor } from '../lib/load-protocol.ts';
import { startOurs } from '../lib/servers.ts';
import { seedMeeting } from '../lib/seed.ts';
import { command } from '../lib/http.ts';
import { usageMeter } from '../lib/proc-usage.ts';
import { latency, now, round, until } from '../lib/stats.ts';
import { connectProvider } from '../../tests/helpers/yjs-client.ts';
import { boardCards } from '../../src/lib/realtime/board-doc.ts';
import { votes } from '../../src/lib/server/db/schema.ts';

export interface VoteOptions {
	voters: number;
	budget: number;
	cards: number;
	/** The door the votes go by (default: the socket, as the browser's board sends them). */
	via?: VoteDoor;
	/** Voters hold their table-room sockets during an HTTP burst too (always with `socket`). */
	holdSockets?: boolean;
}

export async function runVotes(pool: LoadPool, o: VoteOptions) {
	const server = await startOurs((db) => seedMeeting(db, { title: 'Bench stemronde', tables: 1, people: o.voters }));
	const { seeded, httpUrl, db } = server;
	const tableId = seeded.tableIds[0];
	try {
		const cardIds: string[] = [];
		for (let i = 0; i < o.cards; i++) {
			const r = await command(httpUrl, `/api/tables/${tableId}/cards`, seeded.facilitator, { text: `Kernvraag ${i + 1}` });
			cardIds.push((r.json as { card: { id: string } }).card.id);
		}
		const settings = await command(httpUrl, `/api/meetings/${seeded.meetingId}/board`, seeded.facilitator, {
			type: 'board.settings', voteBudget: o.budget, votePerCardMax: null, talliesLive: true, lateCards: false, participantsChooseTable: true
		});
		const phase = await command(httpUrl, `/api/tables/${tableId}/commands`, seeded.facilitator, { type: 'phase.set', phase: 'vote' });
		if (settings.status !== 200 || phase.status !== 200) throw new Error(`vote set-up refused: ${settings.status} ${phase.status}`);
		const watcher = connectProvider(server.wsBase, `table:${tableId}`, { token: seeded.facilitator, origin: httpUrl });
		await until(() => watcher.provider.synced, 10_000);

		const jobs = seeded.people.map((p, i) => ({
			token: p.token,
			tableId,
			cardIds: Array.from({ length: o.budget }, (_, k) => cardIds[(i + k) % cardIds.length])
		}));
		const via = o.via ?? 'socket';
		const holdSockets = via === 'socket' || o.holdSockets === true;
		if (holdSockets) {
			const failed = await pool.openVoters(server.wsBase, httpUrl, jobs);
			if (failed > 0) throw new Error(`${failed} voter sockets did not open`);
		}
		const meter = usageMeter(server.pid);
		const started = now();
		const cast = await pool.votes(httpUrl, jobs, via);
		const seconds = (now() - started) / 1000;
		const usage = meter.stop();

		const accepted = cast.statuses['200'] ?? 0;
		const perCard = new Map(
			(await db
				.select({ cardId: votes.cardId, n: sql<number>`sum(${votes.dots})` })
				.from(votes)
				.where(eq(votes.tableId, tableId))
				.groupBy(votes.cardId))
				.map((r) => [r.cardId, Number(r.n)])
		);
		const inSql = [...perCard.values()].reduce((a, b) => a + b, 0);
		const docEqualsSql = () => cardIds.every((id) => (boardCards(watcher.doc).get(id)?.votes ?? 0) === (perCard.get(id) ?? 0));
		const convergedAt = (await until(docEqualsSql, 10_000)) ? now() : null;
		watcher.destroy();
		const result = {
			server: 'ours' as const,
			via,
			holdSockets,
			voters: o.voters,
			budget: o.budget,
			votes: o.voters * o.budget,
			accepted,
			statuses: cast.statuses,
			/** requests sent again (same command id) after the connection dropped */
			resent: cast.resent,
			seconds: round(seconds, 2),
			votesPerSecond: round(accepted / seconds, 0),
			commitMs: latency(cast.commits),
			inSql,
			lost: accepted - inSql,
			beyondBudget: inSql > o.voters * o.budget,
			docEqualsSql: convergedAt !== null,
			docConvergedAfterMs: convergedAt === null ? null : round(convergedAt - started),
			cpuSeconds: round(usage.cpuSeconds, 2),
			rssPeakMb: round(usage.rssPeakMb)
		};
		console.log(
			`  ours      ${o.voters} voters by ${via}${holdSockets ? ' (holding room sockets)' : ''}: ${accepted}/${result.votes} in ${result.seconds} s (${result.votesPerSecond}/s), commit p50 ${result.commitMs.p50} p95 ${result.commitMs.p95} ms; ` +
				`lost ${result.lost}; doc = SQL ${result.docEqualsSql}`
		);
		return result;
	} finally {
		await pool.closeClients();
		await server.stop();
	}
}

export type VoteResult = Awaited<ReturnType<typeof runVotes>>;

/** The burst of median duration (a failed one counts as slowest); the runs as given when none succeeded. */
export function medianRun<T extends { seconds: number | null } | { failed: string }>(runs: T[]): T | undefined {
	const ranked = [...runs].sort((a, b) => ('failed' in a ? Infinity : (a.seconds ?? Infinity)) - ('failed' in b ? Infinity : (b.seconds ?? Infinity)));
	return ranked[Math.floor((ranked.length - 1) / 2)];
}
