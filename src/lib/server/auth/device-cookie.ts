import { generateSessionToken } from './tokens.ts';

// A browser that signed in before carries this cookie, so the login guard can tell the owner's own
// browser from a guesser's (see login-guard.ts). It proves nothing by itself and grants nothing: it
// only decides whose failures count against whom.
export const DEVICE_COOKIE = 'denktafel_device';

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The device id from the request, or a new one to set (valid ids only: anything else is no device). */
export function deviceIdFrom(value: string | undefined): { id: string; isNew: boolean } {
	if (value && /^[a-z2-7]{32}$/.test(value)) return { id: value, isNew: false };
	return { id: generateSessionToken(), isNew: true };
}

export function deviceCookieOptions(url: URL) {
	return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: url.protocol === 'https:', maxAge: YEAR_SECONDS };
}
