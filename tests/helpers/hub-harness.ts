// Shared by the hub tests: a real HTTP server on port 0 with the hub attached, fake auth, memory
// persistence, and clients (the stock y-websocket provider and raw `ws` sockets).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
	createHub,
	type HubIdentity,
	type HubLimits,
	type Projection
} from '../../server/hub/index.ts';
import type { DocPersistence } from '../../server/persistence/types.ts';
import { socketClass, waitFor } from './yjs-client.ts';

export const ROOM = 'table:aaaaaaaaaa';
export const OTHER_ROOM = 'table:bbbbbbbbbb';
export const FORBIDDEN_ROOM = 'table:cccccccccc';

/** Session cookies the fake `authorize` knows, keyed by token. */
export const PEOPLE: Record<string, HubIdentity> = {
	alice: identity('alice', 'Alice'),
	bob: identity('bob', 'Bob'),
	anonymous: identity('anon', null)
};

function identity(id: string, name: string | null): HubIdentity {
	return {
		sessionId: `s-${id}`,
		userId: null,
		participantId: `p-${id}`,
		meetingId: 'm-1',
		presence: { name, kind: 'participant' }
	};
}

/** Stores updates in memory and logs every call, so tests can check what was stored and when. */
export class MemoryPersistence implements DocPersistence {
	rows = new Map<string, Uint8Array[]>();
	log: string[] = [];
	failAppend = false;

	load(room: string) {
		return { updates: [...(this.rows.get(room) ?? [])], generation: 1 };
	}
	appendUpdate(room: string, update: Uint8Array): number {
		if (this.failAppend) throw new Error('disk full');
		this.log.push(`append ${room}`);
		const rows = this.rows.get(room) ?? [];
		rows.push(update);
		this.rows.set(room, rows);
		return rows.length;
	}
	compact(room: string, snapshot: Uint8Array): void {
		this.log.push(`compact ${room}`);
		this.rows.set(room, [snapshot]);
	}
}

export interface HarnessOptions {
	persistence?: MemoryPersistence;
	/** A real store instead; `persistence` then stays empty. */
	store?: DocPersistence;
	limits?: Partial<HubLimits>;
	reconcile?: (room: string, write: (fn: (doc: Y.Doc) => void) => void) => void | Promise<void>;
	project?: (change: unknown) => Projection[] | Promise<Projection[]>;
	/** Awaited before each authorization answers (the app's reads the database). */
	beforeAuthorize?: () => Promise<void>;
	onRoomUnload?: (room: string) => void;
}

export async function startHub(options: HarnessOptions = {}) {
	const persistence = options.persistence ?? new MemoryPersistence();
	const hub = createHub({
		persistence: options.store ?? persistence,
		async authorize(req: IncomingMessage, room: string) {
			await options.beforeAuthorize?.();
			const token = /(?:^|;\s*)session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
			const person = token ? PEOPLE[token] : undefined;
			if (!person) return { ok: false as const, code: 4401 as const };
			if (room === FORBIDDEN_ROOM) return { ok: false as const, code: 4403 as const };
			return { ok: true as const, identity: person };
		},
		expectedOrigin: (req) => `http://${req.headers.host}`,
		reconcile: options.reconcile ?? (() => {}),
		project: (change) => options.project?.(change) ?? [],
		onRoomUnload: options.onRoomUnload,
		limits: { presenceFlushMs: 10, ...options.limits }
	});
	const server = createServer((_req, res) => res.writeHead(404).end());
	server.on('upgrade', (req, socket, head) => {
		if (!hub.handleUpgrade(req, socket, head)) socket.destroy();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const origin = `http://127.0.0.1:${port}`;
	const cleanups: Array<() => void> = [];
	return {
		hub,
		persistence,
		origin,
		base: `ws://127.0.0.1:${port}/yjs`,
		/** Registers something to undo in stop(). */
		defer(fn: () => void) {
			cleanups.push(fn);
		},
		async stop() {
			for (const fn of cleanups.reverse()) fn();
			await hub.close();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}

export type Harness = Awaited<ReturnType<typeof startHub>>;

export function openProvider(h: Harness, person: string | null, room = ROOM) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(h.base, room, doc, {
		disableBc: true,
		WebSocketPolyfill: socketClass({ cookie: person ? `session=${person}` : undefined, origin: h.origin }) as never
	});
	h.defer(() => {
		provider.destroy();
		doc.destroy();
	});
	return { doc, provider };
}

export interface RawClient {
	socket: WebSocket;
	frames: Uint8Array[];
	closed: Promise<{ code: number }>;
	opened: Promise<boolean>;
}

/** A bare `ws` client that records every frame it receives, for hand-made frames. */
export function openRaw(
	h: Harness,
	options: { person?: string | null; path?: string; origin?: string | null } = {}
): RawClient {
	const person = options.person === undefined ? 'alice' : options.person;
	const headers: Record<string, string> = {};
	const origin = options.origin === undefined ? h.origin : options.origin;
	if (origin) headers.Origin = origin;
	if (person) headers.Cookie = `session=${person}`;
	const socket = new WebSocket(`${h.base.replace(/\/yjs$/, '')}${options.path ?? `/yjs/${ROOM}`}`, {
		headers
	});
	const frames: Uint8Array[] = [];
	socket.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
	socket.on('error', () => {});
	const closed = new Promise<{ code: number }>((resolve) =>
		socket.on('close', (code) => resolve({ code }))
	);
	const opened = new Promise<boolean>((resolve) => {
		socket.once('open', () => resolve(true));
		socket.once('close', () => resolve(false));
	});
	h.defer(() => socket.terminate());
	return { socket, frames, closed, opened };
}

/** Polls until `check` passes (vitest's expect.poll needs an assertion per call; this is plain). */
export const until = (check: () => boolean, timeoutMs = 2000) => waitFor(check, timeoutMs);

export function synced(provider: WebsocketProvider): Promise<void> {
	return provider.synced ? Promise.resolve() : new Promise((r) => provider.once('sync', () => r()));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
