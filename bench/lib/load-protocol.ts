// Messages between the harness and its load-generator threads.
import type { Wire } from './stock-client.ts';

export interface ConnSpec {
	/** y-websocket (ours, the relay): one socket per room at `${base}/${room}`; hocuspocus: `base` itself. */
	wire: Wire;
	/** Base of the rooms (`ws://host:port/yjs` for ours, `ws://host:port` for the others). */
	base: string;
	room: string;
	headers: Record<string, string>;
	/** Session token (ours: the stock client's cookie) or the peer's token (sent in its auth message). */
	token?: string;
	/** The stock y-websocket provider with a Y.Doc, instead of a light frame counter. */
	full: boolean;
}

/**
 * Which door the votes go by: `socket`, a command frame on the voter's table-room socket (as our
 * browser sends it since #18); `http`, POST /api/tables/<id>/commands (as scripts, no-JS pages and
 * a stock client send it).
 */
export type VoteDoor = 'socket' | 'http';

/** Which door the fan-out scenarios' cards go by: the same two as the votes' (`VoteDoor`). */
export type CardDoor = VoteDoor;

export interface VoteJob {
	token: string;
	tableId: string;
	/** Cast one after another, as a person clicks. */
	cardIds: string[];
}

export type ToWorker =
	| { op: 'open'; id: number; conns: ConnSpec[] }
	| { op: 'watch'; marker: string; room: string }
	| { op: 'flush'; id: number }
	| { op: 'presence'; id: number; hz: number }
	/** Opens each job's table-room socket (as the voter's browser holds it), before the burst. */
	| { op: 'voters'; id: number; wsBase: string; origin: string; jobs: VoteJob[] }
	| { op: 'votes'; id: number; httpUrl: string; jobs: VoteJob[]; via: VoteDoor }
	/** A command frame on the light client opened with this session `token` (its author's own room socket). */
	| { op: 'command'; token: string; command: Record<string, unknown> }
	| { op: 'stats'; id: number }
	| { op: 'close'; id: number };

export interface PartialSeen {
	marker: string;
	count: number;
	expected: number;
	fullTimes: number[];
}

export type FromWorker =
	| { op: 'opened'; id: number; failed: number }
	| { op: 'seen'; marker: string; count: number; expected: number; maxAt: number; fullTimes: number[] }
	| { op: 'flushed'; id: number; partial: PartialSeen[] }
	| { op: 'voted'; id: number; commits: number[]; statuses: Record<string, number>; resent: number }
	| { op: 'stats'; id: number; clients: number; closed: number; frames: number; bytes: number; lagP99Ms: number }
	| { op: 'ack'; id: number };
