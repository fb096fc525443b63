import { TokenBucket } from '#lib/server/auth/rate-limit.ts';
import type { HubIdentity, HubLimits } from './types.ts';

// Fair share per login: one session (a phone, a laptop, a projector link) may hold so many sockets
// and open so many per minute. Without a cap one participant opened 300 sockets, and a reconnect
// loop makes the hub send the whole board on every join.

export class SessionSockets {
	readonly #limits: HubLimits;
	readonly #open = new Map<string, number>();
	readonly #openedByParticipants: TokenBucket;
	readonly #openedByStaff: TokenBucket;
	readonly #now: () => number;

	constructor(limits: HubLimits, now: () => number) {
		this.#limits = limits;
		this.#now = now;
		const burst = (cap: number) => Math.max(1, Math.round(cap * limits.connectBurstPerSocket));
		this.#openedByParticipants = new TokenBucket(burst(limits.socketsPerParticipantSession), limits.connectRefillMs);
		this.#openedByStaff = new TokenBucket(burst(limits.socketsPerStaffSession), limits.connectRefillMs);
	}

	#cap(identity: HubIdentity): number {
		return identity.presence.kind === 'participant' ? this.#limits.socketsPerParticipantSession : this.#limits.socketsPerStaffSession;
	}

	/** Takes a place for a new socket of this login; false when it holds or opened too many. */
	admit(identity: HubIdentity): boolean {
		const open = this.#open.get(identity.sessionId) ?? 0;
		if (open >= this.#cap(identity)) return false;
		const opened = identity.presence.kind === 'participant' ? this.#openedByParticipants : this.#openedByStaff;
		if (!opened.consume(identity.sessionId, this.#now())) return false;
		this.#open.set(identity.sessionId, open + 1);
		return true;
	}

	/** Gives back the place of a socket that closed. */
	release(identity: HubIdentity): void {
		const open = (this.#open.get(identity.sessionId) ?? 1) - 1;
		if (open <= 0) this.#open.delete(identity.sessionId);
		else this.#open.set(identity.sessionId, open);
	}
}
