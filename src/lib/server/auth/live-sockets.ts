import type { Db } from '../db/client.ts';
import { disconnectLive } from '../realtime-seam.ts';
import { invalidateSession } from './session.ts';

// Sockets follow permissions when a sign-in ends: the routes call these, never the realtime seam.
// (A disabled account's sockets close as an effect of its command: users/manage-accounts.ts.)

/** Ends one device's session and closes that device's live sockets; the account's other devices stay. */
export function endDeviceSession(db: Db, sessionId: string): void {
	invalidateSession(db, sessionId);
	disconnectLive({ sessionId });
}

/** Closes the live sockets of an account's other devices (a changed password): this device stays. */
export function closeOtherDeviceSockets(userId: string, keepSessionId: string): void {
	disconnectLive({ userId, exceptSessionId: keepSessionId });
}
