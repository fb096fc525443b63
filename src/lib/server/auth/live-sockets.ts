import type { Db } from '../db/client.ts';
import { disconnectLive } from '../realtime-seam.ts';
import { invalidateSession } from './session.ts';

// Sockets follow permissions when a sign-in ends: the routes call these, never the realtime seam.
// (A disabled account's and a changed password's sockets close as effects of their commands:
// users/manage-accounts.ts, users/change-password.ts.)

/** Ends one device's session and closes that device's live sockets; the account's other devices stay. */
export async function endDeviceSession(db: Db, sessionId: string): Promise<void> {
	await invalidateSession(db, sessionId);
	disconnectLive({ sessionId });
}
