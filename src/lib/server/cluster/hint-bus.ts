/**
 * Redis between processes: small "meeting M changed, re-read rooms R" hints for the meeting's owner, and
 * control messages every process acts on (close the sockets of a logout, a disabled account, deleted
 * personal data). Everything goes to one channel and every process receives everything: the receiver
 * drops hints for meetings it does not own. That costs little (hints are tiny, processes are few) and
 * needs no routing table that could disagree with the leases. See ./index.ts.
 *
 * Best effort by design: Redis carries no truth. Publishing never throws and never waits for a Redis that
 * is down (the command it follows is already committed in SQL); a hint lost then is repaired when loaded
 * rooms re-check SQL (`onReconnect`, and a slow timer in the hub), and the sender sends the rooms of its
 * lost hints again once its publisher is back (see `unsent` below).
 */
import { createClient } from 'redis';
import { backoffDelay, consoleLog, type ClusterLog } from './backoff.ts';
import {
	isValidBusMessage,
	MAX_HINT_ROOMS,
	MAX_MESSAGE_BYTES,
	parseBusMessage,
	type Control,
	type ControlMessage,
	type Hint,
	type HintMessage
} from './bus-messages.ts';

export interface HintBusOptions {
	url: string;
	/** Unique per process (a process ignores its own messages). */
	processId: string;
	/** The Redis channel; tests give each bus pair their own. */
	channel?: string;
	/** Must not throw (a throw is logged and dropped). Gets only hints for meetings `owns` accepts. */
	onHint?: (hint: HintMessage) => void;
	/** Whether this process owns a meeting now (the leases' `holds`); without it every hint is handed on. */
	owns?: (meetingId: string) => boolean;
	/** Must not throw. */
	onControl?: (control: ControlMessage) => void;
	/** The subscription is back after an outage: hints may have been missed, re-check loaded rooms. */
	onReconnect?: () => void;
	/** A publish that Redis has not answered within this time counts as failed. */
	publishTimeoutMs?: number;
	log?: ClusterLog;
}

export interface BusStats {
	published: number;
	/** Publishes that did not reach Redis (down, slow): each one a hint some room will repair. */
	publishFailures: number;
	/** Messages this process refused to send because they were malformed (a bug in the caller). */
	invalid: number;
	received: number;
	/** Hints for meetings this process does not own, dropped (normal: the bus broadcasts). */
	notMine: number;
	/** Messages on the channel that were not ours to read (malformed, too big, wrong version). */
	dropped: number;
	reconnects: number;
}

export interface HintBus {
	hint(hint: Hint): Promise<void>;
	control(control: Control): Promise<void>;
	/** Resolves when the bus first listens (or is closed). Publishing need not wait for it. */
	readonly ready: Promise<void>;
	stats(): BusStats;
	close(): Promise<void>;
}

/** The ceiling of the wait between reconnect attempts. */
const RECONNECT_MAX_MS = 1_000;
/** Rooms of lost hints kept for sending again; beyond that the owner's slow repair covers them. */
const MAX_UNSENT_ROOMS = 4_096;

export function createHintBus(options: HintBusOptions): HintBus {
	const log = options.log ?? consoleLog('bus');
	const channel = options.channel ?? 'denktafel:bus';
	const stats: BusStats = {
		published: 0,
		publishFailures: 0,
		invalid: 0,
		received: 0,
		notMine: 0,
		dropped: 0,
		reconnects: 0
	};
	const clientOptions = {
		url: options.url,
		// At most a second between attempts: how soon the bus is back after Redis is what bounds how long
		// clients miss other processes' changes (issue 17: converged within 2 s). A knock a second on a
		// Redis that is away costs nothing; the default 5 s ceiling let one outage of a second cost up to 3.
		socket: { connectTimeout: 2_000, reconnectStrategy: (retries: number) => backoffDelay(retries, 100, RECONNECT_MAX_MS) },
		// A command while Redis is away fails at once instead of queueing behind the outage.
		disableOfflineQueue: true
	};
	const publisher = createClient(clientOptions);
	const subscriber = createClient(clientOptions);
	// One outage logs once per connection, not once per failed publish.
	const down = { publisher: false, subscriber: false };
	const noteDown = (which: keyof typeof down, error: unknown) => {
		if (down[which]) return;
		down[which] = true;
		log(`${which} lost Redis; carrying on without it`, error);
	};
	publisher.on('error', (error) => noteDown('publisher', error));
	subscriber.on('error', (error) => noteDown('subscriber', error));
	publisher.on('ready', () => {
		if (down.publisher) log('publisher back');
		down.publisher = false;
		resendUnsent();
	});

	// The rooms of hints that did not reach Redis, per meeting. The owner re-checks its rooms when ITS
	// subscription is back, but this publisher may come back later: hints lost in between would wait for
	// the slow repair. So they are sent again, rooms only (the owner re-reads them), once this publisher is.
	const unsent = new Map<string, Set<string>>();
	let unsentRooms = 0;
	function keepUnsent(hint: HintMessage): void {
		let rooms = unsent.get(hint.meetingId);
		for (const room of hint.rooms) {
			if (unsentRooms >= MAX_UNSENT_ROOMS) return;
			if (rooms?.has(room)) continue;
			if (!rooms) unsent.set(hint.meetingId, (rooms = new Set()));
			rooms.add(room);
			unsentRooms += 1;
		}
	}
	function resendUnsent(): void {
		if (unsent.size === 0) return;
		const lost = [...unsent];
		unsent.clear();
		unsentRooms = 0;
		// A send that fails again keeps its rooms for the next time the publisher is back.
		for (const [meetingId, rooms] of lost) void hintOf({ meetingId, rooms: [...rooms] });
	}

	let listening = false;
	let closed = false;
	subscriber.on('ready', () => {
		// 'ready' comes after node-redis has subscribed again on the new connection.
		down.subscriber = false;
		if (!listening) return;
		stats.reconnects += 1;
		log('subscription back; loaded rooms re-check SQL');
		guard('onReconnect', () => options.onReconnect?.());
	});

	function guard(what: string, run: () => void): void {
		try {
			run();
		} catch (error) {
			log(`${what} threw`, error);
		}
	}

	let lastDropLog = 0;
	function receive(raw: string): void {
		const message = parseBusMessage(raw);
		if (!message) {
			stats.dropped += 1;
			if (Date.now() - lastDropLog > 60_000) {
				lastDropLog = Date.now();
				log(`dropped a malformed message (${stats.dropped} so far)`);
			}
			return;
		}
		if (message.from === options.processId) return;
		stats.received += 1;
		if (message.kind === 'control') return guard('onControl', () => options.onControl?.(message));
		if (options.owns && !options.owns(message.meetingId)) {
			stats.notMine += 1;
			return;
		}
		guard('onHint', () => options.onHint?.(message));
	}

	let whenClosed = () => {};
	const closedSignal = new Promise<void>((resolve) => (whenClosed = resolve));
	// Both connections retry on their own until they get through (connect resolves when one does).
	const subscribed = (async () => {
		try {
			await subscriber.connect();
			await subscriber.subscribe(channel, receive);
			listening = true;
		} catch (error) {
			if (!closed) log('could not subscribe', error);
		}
	})();
	publisher.connect().catch((error) => {
		if (!closed) log('publisher could not connect', error);
	});

	// The timeout also covers a publish already sent to a Redis that stopped answering.
	const timedPublisher = publisher.withCommandOptions({
		timeout: options.publishTimeoutMs ?? 500,
		rejectInFlight: true
	});

	async function send(message: HintMessage | ControlMessage): Promise<void> {
		if (closed) return;
		// Every receiver would drop it: say so here, where the bug is.
		const raw = JSON.stringify(message);
		if (!isValidBusMessage(message) || raw.length > MAX_MESSAGE_BYTES) {
			stats.invalid += 1;
			log(`refused to send a malformed ${message.kind}`);
			return;
		}
		try {
			await timedPublisher.publish(channel, raw);
			stats.published += 1;
		} catch (error) {
			stats.publishFailures += 1;
			noteDown('publisher', error);
			if (message.kind === 'hint') keepUnsent(message);
		}
	}

	async function hintOf(hint: Hint): Promise<void> {
		// A change can touch many rooms (every participant's own room): several hints, each within bounds.
		const sends: Promise<void>[] = [];
		for (let at = 0; at < hint.rooms.length; at += MAX_HINT_ROOMS) {
			const rooms = hint.rooms.slice(at, at + MAX_HINT_ROOMS);
			sends.push(send({ ...hint, rooms, v: 1, from: options.processId, kind: 'hint' }));
		}
		await Promise.all(sends);
	}

	return {
		hint: hintOf,
		control: (control) => send({ ...control, v: 1, from: options.processId, kind: 'control' }),
		ready: Promise.race([subscribed, closedSignal]),
		stats: () => ({ ...stats }),
		async close() {
			closed = true;
			whenClosed();
			// destroy, not close: nothing worth flushing, and close would wait for a Redis that is away.
			for (const client of [publisher, subscriber]) if (client.isOpen) client.destroy();
			await subscribed;
		}
	};
}
