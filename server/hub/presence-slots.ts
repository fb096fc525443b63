/**
 * The few clients whose presence a large room still forwards state by state. A client gets a slot
 * when its state changes while one is free, and keeps it as long as it keeps changing: the shown
 * set stays stable (no flicker of faces) and bounded, whatever the room's size.
 */
export class ActiveSlots {
	#lastChange = new Map<number, number>();
	readonly max: number;
	readonly windowMs: number;

	constructor(max: number, windowMs: number) {
		this.max = max;
		this.windowMs = windowMs;
	}

	get size(): number {
		return this.#lastChange.size;
	}

	has(clientID: number): boolean {
		return this.#lastChange.has(clientID);
	}

	ids(): number[] {
		return Array.from(this.#lastChange.keys());
	}

	/** Notes a change of a client's state; it takes a free slot if it has none. */
	touch(clientID: number, now: number): void {
		if (this.#lastChange.has(clientID) || this.#lastChange.size < this.max) {
			this.#lastChange.set(clientID, now);
		}
	}

	/** True when the client held a slot. */
	delete(clientID: number): boolean {
		return this.#lastChange.delete(clientID);
	}

	/** Frees the slots of clients that have not changed within the window; returns them. */
	expire(now: number): number[] {
		const freed: number[] = [];
		for (const [id, at] of this.#lastChange) {
			if (now - at >= this.windowMs) freed.push(id);
		}
		for (const id of freed) this.#lastChange.delete(id);
		return freed;
	}

	clear(): void {
		this.#lastChange.clear();
	}
}
