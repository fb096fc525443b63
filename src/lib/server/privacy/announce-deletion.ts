import type { DomainChange } from '../events.ts';
import { disconnectLive, publishChange, resetLiveRooms } from '../realtime-seam.ts';

/**
 * After personal data is deleted (committed): rooms in memory are dropped unsaved (so no name goes back
 * into storage from them), the scrubbed state is published, and the meeting's live connections close:
 * participants are signed out, facilitators reconnect to rebuilt rooms.
 */
export function announceDeletion(meetingId: string, result: { rooms: readonly string[]; changes: readonly DomainChange[] }): void {
	resetLiveRooms(result.rooms);
	for (const change of result.changes) publishChange(change);
	disconnectLive({ meetingId });
}
