import type { Actions } from './$types';
import { redirect } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { invalidateSession } from '$lib/server/auth/session';
import { SESSION_COOKIE } from '$lib/server/auth/cookies';
import { disconnectLive } from '$lib/server/realtime-seam';

export const actions: Actions = {
	/** Ends this session, and closes its live boards so the sockets follow the permission. */
	default: ({ locals, cookies }) => {
		if (locals.session) {
			invalidateSession(appDb(), locals.session.id);
			// Only this device's sockets: the same account may be signed in elsewhere.
			disconnectLive({ sessionId: locals.session.id });
		}
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/');
	}
};
