// Messages between the harness and its load-generator threads.

export interface ConnSpec {
	/** Base of the rooms (`ws://host:port/yjs` for ours, `ws://host:port` for the reference). */
	base: string;
	room: string;
	headers: Record<string, string>;
	/** Session token (ours), for the stock client's cookie. */
	token?: string;
	/** The stock y-websocket provider with a Y.Doc, instead of a light frame counter. */
	full: boolean;
}

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
	| { op: 'votes'; id: number; httpUrl: string; jobs: VoteJob[] }
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
