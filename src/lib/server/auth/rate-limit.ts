/**
 * A token bucket per key: `capacity` requests, refilled evenly over `refillMs`. In memory: one process
 * is the deployment unit (see DESIGN's scale path).
 */
export class TokenBucket {
	#buckets = new Map<string, { tokens: number; at: number }>();
	readonly capacity: number;
	readonly refillMs: number;

	constructor(capacity: number, refillMs: number) {
		this.capacity = capacity;
		this.refillMs = refillMs;
	}

	#refill(key: string, now: number): { tokens: number; at: number } {
		const bucket = this.#buckets.get(key) ?? { tokens: this.capacity, at: now };
		const gained = ((now - bucket.at) / this.refillMs) * this.capacity;
		bucket.tokens = Math.min(this.capacity, bucket.tokens + gained);
		bucket.at = now;
		this.#buckets.set(key, bucket);
		if (this.#buckets.size > 50_000) this.#sweep(now);
		return bucket;
	}

	/** Takes one token; false means "too many, wait". */
	consume(key: string, now = Date.now()): boolean {
		const bucket = this.#refill(key, now);
		if (bucket.tokens < 1) return false;
		bucket.tokens -= 1;
		return true;
	}

	/** True when a request would be refused now, without taking a token. */
	exhausted(key: string, now = Date.now()): boolean {
		return this.#refill(key, now).tokens < 1;
	}

	reset(key: string): void {
		this.#buckets.delete(key);
	}

	#sweep(now: number): void {
		for (const [key, b] of this.#buckets) if (now - b.at > this.refillMs) this.#buckets.delete(key);
	}
}
