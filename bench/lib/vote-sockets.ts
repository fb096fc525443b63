// The voters' table-room sockets for the vote burst over the socket door (issue #18): each voter holds
// the socket its browser's board holds, and casts its votes as command frames on it, as the board
// does: the answer matched by command id; no answer in time sends it again with the same id; a socket
// that is down sends it by HTTP instead (same id: applied once whichever door).
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import { COMMAND_MESSAGE, encodeCommand, readCommandAnswer, type CommandAnswer } from '../../src/lib/realtime/command-wire.ts';
import { command, personHeaders } from './http.ts';
import type { VoteJob } from './load-protocol.ts';

/** As the browser's board waits for an answer on the socket before it sends the command again. */
const ANSWER_MS = 10_000;
const TRIES = 4;

interface VoterSocket {
	ws: WebSocket;
	waiting: Map<string, (answer: CommandAnswer | null) => void>;
}

/** By session token: one socket per voter. */
const sockets = new Map<string, VoterSocket>();

function openOne(wsBase: string, origin: string, job: VoteJob): Promise<void> {
	const ws = new WebSocket(`${wsBase}/table:${job.tableId}`, { headers: personHeaders(origin, job.token), perMessageDeflate: false });
	ws.binaryType = 'nodebuffer';
	const voter: VoterSocket = { ws, waiting: new Map() };
	ws.on('message', (data: Buffer) => {
		if (data[0] !== COMMAND_MESSAGE) return;
		const decoder = decoding.createDecoder(data);
		decoding.readVarUint(decoder);
		const answer = readCommandAnswer(decoder);
		const settle = answer?.commandId ? voter.waiting.get(answer.commandId) : undefined;
		if (answer?.commandId && settle) {
			voter.waiting.delete(answer.commandId);
			settle(answer);
		}
	});
	ws.on('close', () => {
		for (const settle of voter.waiting.values()) settle(null);
		voter.waiting.clear();
	});
	sockets.set(job.token, voter);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('open timed out')), 30_000);
		ws.once('open', () => (clearTimeout(timer), resolve()));
		ws.once('error', (e) => (clearTimeout(timer), reject(e)));
	});
}

/** Opens every job's socket, fifty at a time; resolves to how many failed. */
export async function openVoterSockets(wsBase: string, origin: string, jobs: VoteJob[]): Promise<number> {
	let failed = 0;
	for (let i = 0; i < jobs.length; i += 50) {
		const results = await Promise.allSettled(jobs.slice(i, i + 50).map((job) => openOne(wsBase, origin, job)));
		failed += results.filter((r) => r.status === 'rejected').length;
	}
	return failed;
}

function ask(voter: VoterSocket, commandId: string, frame: Uint8Array): Promise<CommandAnswer | null> {
	return new Promise((resolve) => {
		const timer = setTimeout(() => {
			voter.waiting.delete(commandId);
			resolve(null);
		}, ANSWER_MS);
		voter.waiting.set(commandId, (answer) => (clearTimeout(timer), resolve(answer)));
		voter.ws.send(frame);
	});
}

/** One vote through the voter's socket; `attempts` counts sends, as http.ts's command does. */
export async function voteOverSocket(httpUrl: string, job: VoteJob, cardId: string): Promise<{ status: number; attempts: number }> {
	const body = { commandId: crypto.randomUUID(), type: 'vote.cast', cardId };
	const frame = encodeCommand(body);
	for (let attempt = 1; ; attempt++) {
		const voter = sockets.get(job.token);
		if (!voter || voter.ws.readyState !== WebSocket.OPEN) {
			const r = await command(httpUrl, `/api/tables/${job.tableId}/commands`, job.token, body);
			return { status: r.status, attempts: attempt - 1 + r.attempts };
		}
		const answer = await ask(voter, body.commandId, frame);
		if (answer) return { status: answer.status, attempts: attempt };
		if (attempt >= TRIES) throw new Error('no answer on the socket');
	}
}

export function closeVoterSockets(): void {
	for (const voter of sockets.values()) voter.ws.terminate();
	sockets.clear();
}
