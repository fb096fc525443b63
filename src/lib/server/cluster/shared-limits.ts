/**
 * Per-person limits that hold across processes: one budget per person in Redis, whichever process a
 * request reaches (a person's commands usually reach their meeting's owner, but sign-in, join and
 * management requests do not). When Redis is down or slow, each process answers from its own memory
 * budget of the same size, so a person can then get at most that budget once per process: limits stay,
 * only their sharing pauses. See ./index.ts.
 *
 * rate-limiter-flexible counts in fixed windows (`capacity` per `refillMs`), not the even refill of
 * auth/rate-limit.ts's TokenBucket: a burst straddling two windows can reach twice the budget, which is
 * fine for a fairness limit and keeps each check to one Redis round trip.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { createClient } from 'redis';
import { backoffDelay, consoleLog, type ClusterLog } from './backoff.ts';

function createStoreClient(url: string) {
	return createClient({
		url,
		socket: { connectTimeout: 2_000, reconnectStrategy: (retries: number) => backoffDelay(retries) },
		disableOfflineQueue: true
	});
}

/** The node-redis client the limits share (one per process is enough). */
export type LimitStore = ReturnType<typeof createStoreClient>;

/**
 * A client for the limits: fails commands at once while Redis is away (the limiter then answers from
 * memory) and keeps reconnecting in the background. Connecting never throws; close it with `destroy()`.
 */
export function connectLimitStore(url: string, log: ClusterLog = consoleLog('limits')): LimitStore {
	const client = createStoreClient(url);
	let down = false;
	client.on('error', (error) => {
		if (!down) log('Redis lost; limits count per process until it is back', error);
		down = true;
	});
	client.on('ready', () => {
		if (down) log('Redis back; limits shared again');
		down = false;
	});
	client.connect().catch(() => {}); // only a destroy while connecting ends this, and that is wanted
	return client;
}

export interface SharedLimitOptions {
	store: LimitStore;
	/** Names the budget in Redis: limits with the same name share their counts. */
	name: string;
	capacity: number;
	refillMs: number;
	/** A check Redis has not answered within this time is answered from memory. */
	timeoutMs?: number;
}

/**
 * The frame's CommandLimit (commands/frame.ts) with an asynchronous answer. `now` is accepted for the
 * shape and ignored: the count lives in Redis, on Redis's clock.
 */
export class SharedLimit {
	readonly capacity: number;
	readonly refillMs: number;
	#limiter: RateLimiterRedis;
	#memory: RateLimiterMemory;

	constructor(options: SharedLimitOptions) {
		this.capacity = options.capacity;
		this.refillMs = options.refillMs;
		const budget = { points: options.capacity, duration: Math.max(1, Math.round(options.refillMs / 1000)) };
		this.#memory = new RateLimiterMemory({ ...budget, keyPrefix: `memory:${options.name}` });
		this.#limiter = new RateLimiterRedis({
			...budget,
			keyPrefix: `denktafel:limit:${options.name}`,
			// The timeout also covers a check already sent to a Redis that stopped answering.
			storeClient: options.store.withCommandOptions({
				timeout: options.timeoutMs ?? 250,
				rejectInFlight: true
			}),
			useRedisPackage: true, // node-redis v4+ (the official client), not ioredis
			rejectIfRedisNotReady: true, // while reconnecting, go straight to memory
			insuranceLimiter: this.#memory
		});
	}

	/** Takes one unit of `key`'s budget; false means "too many, wait". Never throws. */
	async consume(key: string, now?: number): Promise<boolean> {
		void now;
		try {
			await this.#limiter.consume(key);
			return true;
		} catch (refusal) {
			if (refusal instanceof RateLimiterRes) return false;
			// Neither Redis nor the insurance answered (not expected): the memory budget decides.
			return this.#memory.consume(key).then(
				() => true,
				() => false
			);
		}
	}
}

const MINUTE = 60_000;

/** Every person's commands through the frame (config: commandsPerPersonPerMinute). */
export function sharedCommandLimit(store: LimitStore, perMinute: number): SharedLimit {
	return new SharedLimit({ store, name: 'commands', capacity: perMinute, refillMs: MINUTE });
}

/** Join attempts per client address (config: joinPerIpPerMinute): a venue's shared network counts once. */
export function sharedJoinLimit(store: LimitStore, perMinute: number): SharedLimit {
	return new SharedLimit({ store, name: 'join-ip', capacity: perMinute, refillMs: MINUTE });
}
