import type { Db } from '../db/client.ts';
import { disconnectLive } from '../realtime-seam.ts';
import { invalidateSession } from './session.ts';

// Sockets follow permissions when a sign-in ends: the routes call these, never the realtime seam.

/** Ends one device's session and closes that device's live sockets; the account's other devices stay. */
export function endDeviceSession(db: Db, sessionId: string): void {
	invalidateSession(db, sessionId);
	disconnectLive({ sessionId });
}

/** Closes every live socket of an account (disabled: it may open no room any more). */
export function closeAccountSockets(userId: string): void {
	disconnectLive({ userId });
}

/** Closes the live sockets of an account's other devices (a changed password): this device stays. */
export function closeOtherDeviceSockets(userId: string, keepSessionId: string): void {
	disconnectLive({ userId, exceptSessionId: keepSessionId });
}
