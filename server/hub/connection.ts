import type { WebSocket } from 'ws';
import { TokenBucket } from '#lib/server/auth/rate-limit.ts';
import { CLOSE } from './close-codes.ts';
import { KEEPALIVE_FRAME } from './protocol.ts';
import { isCommandFrame } from '#lib/realtime/command-wire.ts';
import { countFrame } from '#lib/server/ops/metrics.ts';
import type { HubIdentity, HubLimits, Peer } from './types.ts';
import { rawSocket, type SharedFrame } from './shared-frame.ts';

export interface ConnectionOptions {
	identity: HubIdentity;
	room: string;
	limits: HubLimits;
	now: () => number;
	/** Handles one binary frame; a throw means the frame was malformed. */
	onMessage(conn: Connection, data: Uint8Array): void;
	/** Handles a command frame (type 8, see command-channel.ts); without it they go to onMessage. */
	onCommand?(conn: Connection, data: Uint8Array): void;
	/** Called once, when the socket has closed for whatever reason. */
	onClose(conn: Connection): void;
}

// One bucket per connection: the key is constant.
const KEY = '';

/** A client's WebSocket with the hub's limits: rate, size, slow consumer, liveness. */
export class Connection implements Peer {
	readonly identity: HubIdentity;
	readonly room: string;
	readonly socket: WebSocket;
	#options: ConnectionOptions;
	#messages: TokenBucket;
	#presence: TokenBucket;
	#sync: TokenBucket;
	#syncDropped = 0;
	#closing = false;
	#lastSentAt: number;
	#lastPingAt: number;
	#awaitingPong = false;

	constructor(socket: WebSocket, options: ConnectionOptions) {
		const { limits, now } = options;
		this.socket = socket;
		this.identity = options.identity;
		this.room = options.room;
		this.#options = options;
		this.#messages = new TokenBucket(limits.messageBurst, limits.messageRefillMs);
		this.#presence = new TokenBucket(limits.presenceBurst, limits.presenceRefillMs);
		this.#sync = new TokenBucket(limits.syncBurst, limits.syncRefillMs);
		this.#lastSentAt = now();
		this.#lastPingAt = now();
		socket.on('message', (data, isBinary) => this.#receive(data, isBinary));
		socket.on('pong', () => {
			this.#awaitingPong = false;
		});
		// Without a listener an 'error' (bad frame, oversize frame) would crash the process; `ws`
		// closes the socket itself right after.
		socket.on('error', () => {});
		socket.once('close', () => {
			this.#closing = true;
			options.onClose(this);
		});
	}

	get open(): boolean {
		return !this.#closing && this.socket.readyState === this.socket.OPEN;
	}

	/** Sends a frame; a slow consumer or a failed send closes this connection instead. */
	send(data: Uint8Array): void {
		if (!this.#admit(data.byteLength)) return;
		// No per-frame callback (a closure per delivery in a room of a thousand): a failed write errors
		// the socket, which `ws` then closes, and 'close' ends this connection.
		try {
			this.socket.send(data);
		} catch {
			this.close(CLOSE.tryAgainLater, 'send failed');
		}
	}

	/** Sends a message framed once for a whole broadcast: written as it is, or through `ws` when it must. */
	sendShared(frame: SharedFrame): void {
		const raw = rawSocket(this.socket);
		if (!raw) return this.send(frame.payload);
		if (!this.#admit(frame.payload.byteLength)) return;
		try {
			raw.write(frame.wire);
		} catch {
			this.close(CLOSE.tryAgainLater, 'send failed');
		}
	}

	/** True when a frame of this size may go out now (and counts it); a slow consumer is closed instead. */
	#admit(bytes: number): boolean {
		if (!this.open) return false;
		if (this.socket.bufferedAmount + bytes > this.#options.limits.maxBufferedBytes) {
			this.close(CLOSE.tryAgainLater, 'too slow');
			return false;
		}
		this.#lastSentAt = this.#options.now();
		countFrame('out', bytes);
		return true;
	}

	close(code: number, reason?: string): void {
		if (this.#closing) return;
		this.#closing = true;
		try {
			this.socket.close(code, reason);
		} catch {
			this.socket.terminate();
		}
	}

	/** Cuts the TCP connection without a close handshake (dead peer, shutdown deadline). */
	terminate(): void {
		this.#closing = true;
		this.socket.terminate();
	}

	takePresenceToken(): boolean {
		return this.#presence.consume(KEY, this.#options.now());
	}

	/**
	 * False when this connection asked for sync beyond its share: the request is dropped unanswered
	 * (slowed, not served). A client that keeps asking is closed with 1013: it may come back, and its
	 * reconnects are limited per login (see session-sockets.ts).
	 */
	takeSyncToken(): boolean {
		if (this.#sync.consume(KEY, this.#options.now())) return true;
		if (++this.#syncDropped >= this.#options.limits.syncDroppedBeforeClose) this.close(CLOSE.tryAgainLater, 'too many sync requests');
		return false;
	}

	/** Driven by the hub's timer: pings for liveness, keepalive frames for the client's watchdog. */
	tick(now: number): void {
		if (!this.open) return;
		const { pingIntervalMs, keepaliveIntervalMs } = this.#options.limits;
		if (now - this.#lastPingAt >= pingIntervalMs) {
			// No pong since the previous ping: the peer is gone (viewers may send nothing else).
			if (this.#awaitingPong) {
				this.terminate();
				return;
			}
			this.#awaitingPong = true;
			this.#lastPingAt = now;
			this.socket.ping();
		}
		if (now - this.#lastSentAt >= keepaliveIntervalMs) this.send(KEEPALIVE_FRAME);
	}

	#receive(data: unknown, isBinary: boolean): void {
		if (this.#closing) return;
		if (!this.#messages.consume(KEY, this.#options.now())) {
			this.close(CLOSE.tryAgainLater, 'too many messages');
			return;
		}
		if (!isBinary || !(data instanceof Uint8Array)) {
			this.close(CLOSE.protocolError, 'binary frames only');
			return;
		}
		try {
			// Commands count against the same bucket and size limit as every other frame (above).
			if (this.#options.onCommand && isCommandFrame(data)) this.#options.onCommand(this, data);
			else this.#options.onMessage(this, data);
		} catch {
			this.close(CLOSE.protocolError, 'malformed frame');
		}
	}
}
