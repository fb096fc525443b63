import { AsyncLocalStorage } from 'node:async_hooks';

// The meeting a request says it belongs to, for the proxy that routes a meeting's traffic to its owner
// (cluster mode: HAProxy hashes `url_param(meeting)`, falling back to this header). The browser sends it
// with every command; the frame refuses a command whose own meeting differs (400 meeting-mismatch), so a
// request cannot reach one meeting's owner under another meeting's name. Absent is allowed (scripts).

export { MEETING_HEADER } from '../../realtime/meeting-route.ts';

const claims = new AsyncLocalStorage<string>();

/** Runs `handle` with the request's claimed meeting (none when the header is absent or empty). */
export function withMeetingClaim<T>(claimed: string | null, handle: () => T): T {
	return claimed ? claims.run(claimed, handle) : handle();
}

/** The meeting the current request claims, or null. */
export function claimedMeeting(): string | null {
	return claims.getStore() ?? null;
}
