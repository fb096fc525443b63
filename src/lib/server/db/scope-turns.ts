// Turns per scope (a meeting id) inside one process: work named for a scope starts only when the work
// before it for that scope has ended, first come first served; work for other scopes runs alongside.
//
// Why (issue #17): on PostgreSQL each command's transaction holds a pooled connection while it waits
// for its meeting's advisory lock. A burst for one meeting then holds most of the pool idle in that
// wait, and every other meeting's commands and the hub's reads queue behind it for a connection.
// Waiting here instead, before the connection is taken, keeps at most one connection per meeting in
// use by commands. This is no lock of its own: the advisory lock still serialises commands across
// processes; the turns only decide when a command asks the pool.

/** The tail of each scope's queue: settles when the last work queued for it has ended. */
export class ScopeTurns {
	readonly #tails = new Map<string, Promise<void>>();

	/** Runs `work` in `scope`'s turn; its outcome (value or error) is the caller's, never the next one's. */
	run<T>(scope: string, work: () => Promise<T>): Promise<T> {
		const before = this.#tails.get(scope) ?? Promise.resolve();
		const mine = before.then(work);
		// The next in line waits for this work to end, however it ends.
		const tail = mine.then(
			() => {},
			() => {}
		);
		this.#tails.set(scope, tail);
		// Forget a scope once its queue is empty, so the map holds only meetings with work in flight.
		void tail.then(() => {
			if (this.#tails.get(scope) === tail) this.#tails.delete(scope);
		});
		return mine;
	}

	/** How many scopes have work queued or running (for tests). */
	get size(): number {
		return this.#tails.size;
	}
}
