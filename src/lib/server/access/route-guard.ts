import type { Actor } from '../auth/session.ts';

export type GuardDecision =
	| { kind: 'allow' }
	| { kind: 'redirect'; location: string }
	| { kind: 'deny'; status: 403 | 404; reason: 'not-allowed' | 'not-found' };

const ALLOW: GuardDecision = { kind: 'allow' };

function toLogin(url: URL): GuardDecision {
	return { kind: 'redirect', location: `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}` };
}

/**
 * Default deny by route group: (public) is open, (account)/(facilitator) need a staff account,
 * (admin) an admin, (member) anyone signed in (the page then checks membership), (present) a staff
 * account or a projector token (the page checks the meeting and the token). Unknown groups deny.
 */
export function guardRoute(routeId: string | null, actor: Actor | null, url: URL): GuardDecision {
	if (routeId === null) return ALLOW; // no route matched: SvelteKit answers 404
	if (routeId.startsWith('/api/')) return ALLOW; // each endpoint answers 401/403 itself, as JSON
	if (routeId === '/healthz' || routeId === '/metrics') return ALLOW;
	if (actor?.kind === 'user' && actor.user.mustChangePassword && !routeId.startsWith('/(account)') && routeId !== '/(public)/logout') {
		return { kind: 'redirect', location: '/account/password' };
	}
	const group = /^\/\(([a-z]+)\)/.exec(routeId)?.[1];
	switch (group) {
		case 'public':
			return ALLOW;
		case 'member':
			return actor ? ALLOW : { kind: 'redirect', location: '/?reason=signed-out' };
		case 'present':
			// A projector link carries its token; without one, only a signed-in facilitator can get in.
			return actor?.kind === 'user' || url.searchParams.has('token') ? ALLOW : toLogin(url);
		case 'account':
		case 'facilitator':
			return actor?.kind === 'user' ? ALLOW : toLogin(url);
		case 'admin':
			if (actor?.kind !== 'user') return toLogin(url);
			return actor.user.role === 'admin' ? ALLOW : { kind: 'deny', status: 403, reason: 'not-allowed' };
		default:
			return { kind: 'deny', status: 404, reason: 'not-found' };
	}
}
