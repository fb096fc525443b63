import type { MeetingStatus } from '../db/schema.ts';
import { disconnectLive } from '../realtime-seam.ts';

/**
 * Sockets follow permissions: once a meeting is closed or archived its participants may not open its
 * rooms (access/policies.ts), so their open connections are closed (4403); facilitators stay.
 */
export function afterStatusChange(meetingId: string, status: MeetingStatus): void {
	if (status === 'closed' || status === 'archived') {
		disconnectLive({ meetingId, participantsOnly: true, code: 4403 });
	}
}
