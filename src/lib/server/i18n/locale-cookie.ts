import { baseLocale, cookieName, isLocale, type Locale } from '../../paraglide/runtime.js';

/**
 * The language a raw Cookie header asks for, as the HTTP side picks it (cookie, else the base locale):
 * the hub reads it from a socket's upgrade request to answer that socket's commands in it.
 */
export function localeFromCookieHeader(header: string | undefined): Locale {
	for (const part of (header ?? '').split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0 || part.slice(0, eq).trim() !== cookieName) continue;
		const value = part.slice(eq + 1).trim();
		if (isLocale(value)) return value;
	}
	return baseLocale;
}

/** A locale remembered as a plain string (a socket's), or the base locale. */
export function asLocale(value: string | undefined): Locale {
	return isLocale(value) ? value : baseLocale;
}
