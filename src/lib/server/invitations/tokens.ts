import { generateSessionToken, sessionIdFromToken } from '../auth/tokens.ts';

// A personal link carries a random 160-bit token; the database keeps only its SHA-256, like a session
// cookie. So a link can be shown only when its token is made: at upload, or when links are renewed.

export function newInvitationToken(): { token: string; tokenHash: string } {
	const token = generateSessionToken();
	return { token, tokenHash: sessionIdFromToken(token) };
}

export function invitationTokenHash(token: string): string | null {
	return /^[a-z2-7]{32}$/.test(token) ? sessionIdFromToken(token) : null;
}

/** The personal link for a token; `base` is PUBLIC_URL or the request's origin. */
export function personalLink(base: string, token: string): string {
	return `${base.replace(/\/+$/, '')}/i/${token}`;
}
