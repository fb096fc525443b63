import type { Actions } from './$types';
import { redirect } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { SESSION_COOKIE } from '$lib/server/auth/cookies';
import { endDeviceSession } from '$lib/server/auth/live-sockets';

export const actions: Actions = {
	/** Ends this session, and closes its live boards so the sockets follow the permission. */
	default: async ({ locals, cookies }) => {
		if (locals.session) {
			// Only this device's sockets: the same account may be signed in elsewhere.
			await endDeviceSession(appDb(), locals.session.id);
		}
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/');
	}
};
