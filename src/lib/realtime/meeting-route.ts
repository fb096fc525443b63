// How the browser says which meeting a socket or a command belongs to, in a way a proxy can hash: in
// cluster mode HAProxy routes on `url_param(meeting)`, falling back to `hdr(X-Denktafel-Meeting)`, so a
// meeting's traffic reaches the process that owns it. Keep exactly these two names. The server checks
// both against the real room or command (a mismatch is refused); absent is allowed (stock clients).

/** The query parameter on every room socket the browser opens. */
export const MEETING_PARAM = 'meeting';
/** The header on every command the browser sends over HTTP. */
export const MEETING_HEADER = 'x-denktafel-meeting';

// Ids are ours (see rooms.ts): lowercase base32.
const IN_PATH = /^\/(?:api\/)?meetings\/([a-z2-7]{10,40})(?:[/?]|$)/;

/** The meeting a URL path such as `/api/meetings/<id>/board` or `/meetings/<id>/poll` names, or null. */
export function meetingOfPath(path: string): string | null {
	return IN_PATH.exec(path)?.[1] ?? null;
}

/** The header that names `meetingId` (none when unknown). */
export function meetingHeaders(meetingId: string | null | undefined): Record<string, string> {
	return meetingId ? { [MEETING_HEADER]: meetingId } : {};
}
