import { error, redirect, type Handle } from '@sveltejs/kit';
import { errorMessage } from '$lib/i18n/errors';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { appDb, sessionLife } from '$lib/server/app';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/auth/cookies';
import { validateSessionToken } from '$lib/server/auth/session';
import { guardRoute } from '$lib/server/access/route-guard';

const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const h = response.headers;
	h.set('X-Content-Type-Options', 'nosniff');
	// Join codes travel in URLs: never leak them to another origin through Referer.
	h.set('Referrer-Policy', 'same-origin');
	h.set('X-Frame-Options', 'DENY');
	h.set('Cross-Origin-Opener-Policy', 'same-origin');
	h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	if (event.url.protocol === 'https:') h.set('Strict-Transport-Security', 'max-age=31536000');
	return response;
};

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%lang%', locale)
		});
	});

/** Always sets locals (null when signed out); renews the cookie when the session slid forward. */
const handleSession: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE) ?? null;
	event.locals.session = null;
	event.locals.actor = null;
	if (token) {
		const { session, actor } = validateSessionToken(appDb(), token, sessionLife());
		if (session) {
			event.locals.session = session;
			event.locals.actor = actor;
			event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(event.url, session.expiresAt));
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	return resolve(event);
};

/** Whole route groups are guarded here; every action and endpoint checks its own policy as well. */
const handleGuards: Handle = async ({ event, resolve }) => {
	const decision = guardRoute(event.route.id, event.locals.actor, event.url);
	if (decision.kind === 'redirect') redirect(303, decision.location);
	// Thrown in handle, an expected error still renders +error.svelte, in the request's language.
	if (decision.kind === 'deny') error(decision.status, errorMessage(decision.reason));
	return resolve(event);
};

export const handle = sequence(handleSecurityHeaders, handleLocale, handleSession, handleGuards);
