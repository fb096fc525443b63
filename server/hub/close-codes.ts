// WebSocket close codes the hub uses. The stock y-websocket 3 client never reconnects after a
// code in 4400–4499, so that range is kept for auth decisions alone; everything a retry can fix
// uses a transient code so a phone on bad Wi-Fi comes back by itself.
export const CLOSE = {
	/** The endpoint is going away: the server shuts down. Transient: clients retry. */
	goingAway: 1001,
	/** A frame that does not decode as the y-websocket protocol. Transient: a reload may fix it. */
	protocolError: 1002,
	/** A frame over maxPayload. `ws` sends this itself; listed so logs and tests can name it. */
	tooBig: 1009,
	/** The room could not be opened or its storage failed: retry, the room reloads from disk. */
	internalError: 1011,
	/** Flooding or too slow to keep up. Transient: on reconnect the client resyncs safely. */
	tryAgainLater: 1013,
	/**
	 * One login holds too many sockets, or opened too many in a short time. Transient (4500–4599: the
	 * stock client retries with backoff), so a tab refused because of too many others comes in once
	 * one of them closes. Reason: "too many connections".
	 */
	tooManyConnections: 4529,
	/**
	 * Cluster mode: another process owns this room's meeting (holds its lease), or this process just
	 * lost the lease. Transient (4500–4599), so the client retries and the proxy's hash on the meeting
	 * id brings it to the owner (or here again, once this process could take the lease).
	 */
	notOwner: 4503,
	/** No valid session (or it ended: logout, disabled account). Permanent for y-websocket 3. */
	notSignedIn: 4401,
	/** Not allowed: wrong Origin, unknown or forbidden room. Permanent for y-websocket 3. */
	notAllowed: 4403
} as const;

export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];

/** The refusal codes `authorize` may return; only these end a y-websocket client for good. */
export type RefusalCode = typeof CLOSE.notSignedIn | typeof CLOSE.notAllowed;

/** What `authorize` may answer besides a refusal: "not here, try again" (cluster mode). */
export type RetryCode = typeof CLOSE.notOwner;
