// A token bucket whose requests cost different amounts, charged after the outcome is known: a
// lookup that found something costs 1, a miss costs more. A bucket may go into debt, so a burst of
// misses keeps the address out for longer than the same number of successes would.

export class CostBucket {
	readonly #buckets = new Map<string, { tokens: number; at: number }>();
	readonly capacity: number;
	readonly refillMs: number;

	constructor(capacity: number, refillMs: number) {
		this.capacity = capacity;
		this.refillMs = refillMs;
	}

	#refill(key: string, now: number): { tokens: number; at: number } {
		const bucket = this.#buckets.get(key) ?? { tokens: this.capacity, at: now };
		bucket.tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.at) / this.refillMs) * this.capacity);
		bucket.at = now;
		this.#buckets.set(key, bucket);
		if (this.#buckets.size > 50_000) this.#sweep(now);
		return bucket;
	}

	/** True while this key may make a request (at least one token left). */
	allows(key: string, now = Date.now()): boolean {
		return this.#refill(key, now).tokens >= 1;
	}

	/** Charges a request that was made; the balance may go below zero. */
	charge(key: string, cost: number, now = Date.now()): void {
		this.#refill(key, now).tokens -= cost;
	}

	#sweep(now: number): void {
		for (const [key, b] of this.#buckets) if (b.tokens >= this.capacity || now - b.at > 10 * this.refillMs) this.#buckets.delete(key);
	}
}
