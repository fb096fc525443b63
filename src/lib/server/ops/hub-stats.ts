import { registeredHub } from '../realtime-seam.ts';

/** Loaded rooms and open connections of the hub in this process (zero without a hub: build, tests). */
export function hubStats(): { rooms: number; connections: number } {
	return registeredHub()?.stats?.() ?? { rooms: 0, connections: 0 };
}
