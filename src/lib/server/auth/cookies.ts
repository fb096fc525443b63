// Cookie settings in one place. Secure only over https: with no ORIGIN configured the app must also
// work over plain http from another device on the venue network.
export const SESSION_COOKIE = 'denktafel_session';

export function sessionCookieOptions(url: URL, expiresAt: number) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: url.protocol === 'https:',
		expires: new Date(expiresAt)
	};
}

/** The session token from a raw Cookie header (the hub reads upgrades without SvelteKit). */
export function readSessionCookie(header: string | undefined): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		if (part.slice(0, eq).trim() === SESSION_COOKIE) return decodeCookieValue(part.slice(eq + 1).trim());
	}
	return null;
}

/**
 * A cookie value that is not valid %-encoding is no session (our tokens never need decoding at all):
 * it must end as "not signed in", not as an exception on every reconnect.
 */
function decodeCookieValue(raw: string): string | null {
	try {
		return decodeURIComponent(raw);
	} catch {
		return null;
	}
}
