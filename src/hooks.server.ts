import { error, redirect, type Handle, type HandleServerError } from '@sveltejs/kit';
import { errorMessage } from '$lib/i18n/errors';
import { sequence } from '@sveltejs/kit/hooks';
import { localeStorage } from '$lib/server/i18n/locale-storage';
import { extractLocaleFromRequest } from '$lib/paraglide/runtime';
import { appDb, sessionLife } from '$lib/server/app';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/auth/cookies';
import { validateSessionToken } from '$lib/server/auth/session';
import { guardRoute } from '$lib/server/access/route-guard';
import { securityHeaders } from '$lib/server/ops/security-headers';
import { loggedPath } from '$lib/server/ops/log-path';
import { problem } from '$lib/server/http/problem';
import { mustNotBeStored, NO_STORE } from '$lib/server/security/cache-policy';
import { isDatabaseUnavailable } from '$lib/server/db/errors';
import { MEETING_HEADER, withMeetingClaim } from '$lib/server/commands/meeting-claim';

const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(securityHeaders(event.url.protocol === 'https:'))) {
		response.headers.set(name, value);
	}
	if (mustNotBeStored(event.url.pathname, event.locals.session != null)) response.headers.set('cache-control', NO_STORE);
	return response;
};

/**
 * The request's language (cookie strategy), in the store paraglide's getLocale() reads. Its own
 * middleware does the same but first clones every request, body stream and all, for URL-based
 * strategies we don't use: a tenth of the vote path's time under a burst.
 */
const handleLocale: Handle = ({ event, resolve }) => {
	const locale = extractLocaleFromRequest(event.request);
	return localeStorage().run({ locale, origin: event.url.origin, messageCalls: new Set<string>() }, () =>
		resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) })
	);
};

/**
 * PostgreSQL down or the connection lost is not a bug in a page: answer 503 (try again soon) with a
 * sentence saying so. An error in a load, action or endpoint reaches handleError, which marks the
 * request; one in a hook (the session lookup) comes here directly.
 */
const handleDatabaseDown: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (err) {
		if (!isDatabaseUnavailable(err)) throw err;
		if (event.url.pathname.startsWith('/api/')) return problem(503, 'database-unavailable', errorMessage('database-unavailable'));
		error(503, { message: errorMessage('database-unavailable'), code: 'database-unavailable' });
	}
	if (!event.locals.databaseUnavailable || response.status !== 500) return response;
	const headers = new Headers(response.headers);
	headers.set('retry-after', '5');
	return new Response(response.body, { status: 503, headers });
};

/** Always sets locals (null when signed out); renews the cookie when the session slid forward. */
const handleSession: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE) ?? null;
	event.locals.session = null;
	event.locals.actor = null;
	if (token) {
		const { session, actor } = await validateSessionToken(appDb(), token, sessionLife());
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

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * SvelteKit's CSRF check covers form content types only. A JSON command from another site would need
 * CORS (never granted) and carry no Lax cookie, but refuse it outright too: a browser always sends
 * Origin on such requests, and a changing request from a foreign origin is never ours.
 */
const handleApiOrigin: Handle = ({ event, resolve }) => {
	const origin = event.request.headers.get('origin');
	const changes = !SAFE_METHODS.has(event.request.method) && event.url.pathname.startsWith('/api/');
	if (changes && origin !== null && origin !== event.url.origin) {
		return problem(403, 'cross-origin', errorMessage('not-allowed'));
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

/** The meeting the request names for the proxy (X-Denktafel-Meeting): the command frame checks it. */
const handleMeetingClaim: Handle = ({ event, resolve }) =>
	withMeetingClaim(event.request.headers.get(MEETING_HEADER)?.trim() || null, () => resolve(event));

export const handle = sequence(
	handleSecurityHeaders,
	handleLocale,
	handleMeetingClaim,
	handleDatabaseDown,
	handleApiOrigin,
	handleSession,
	handleGuards
);

/** An unexpected error: one JSON line with the request id (set by server/index.ts) to find it by. */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	// A path nobody serves (a browser asking for /favicon.ico, a scanner) is no error of ours: the
	// request log already shows its 404.
	if (status === 404) return { message };
	const line = {
		time: new Date().toISOString(),
		level: 'error',
		msg: 'unhandled error',
		method: event.request.method,
		path: loggedPath(event.url.pathname),
		status,
		requestId: event.request.headers.get('x-request-id'),
		error: error instanceof Error ? (error.stack ?? error.message) : String(error)
	};
	console.error(JSON.stringify(line));
	if (isDatabaseUnavailable(error)) {
		event.locals.databaseUnavailable = true;
		return { message: errorMessage('database-unavailable'), code: 'database-unavailable' };
	}
	return { message };
};
