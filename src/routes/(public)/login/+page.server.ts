import type { Actions, PageServerLoad } from './$types';
import { fail, redirect } from '@sveltejs/kit';
import { appDb, sessionLife } from '$lib/server/app';
import { loginGuard } from '$lib/server/security/guards';
import { DEVICE_COOKIE, deviceCookieOptions, deviceIdFrom } from '$lib/server/auth/device-cookie';
import { attemptLogin } from '$lib/server/auth/login';
import { createSession } from '$lib/server/auth/session';
import { endDeviceSession } from '$lib/server/auth/live-sockets';
import { refusalStatus } from '$lib/server/commands/refusals';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/auth/cookies';
import { safeRedirectTarget } from '$lib/server/http/safe-redirect';
import { errorMessage } from '$lib/i18n/errors';

export const load: PageServerLoad = ({ url }) => ({
	redirectTo: safeRedirectTarget(url.searchParams.get('redirectTo'), '')
});

export const actions: Actions = {
	default: async ({ locals, request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const redirectTo = safeRedirectTarget(form.get('redirectTo'), '/meetings');

		const errors: Record<string, string> = {};
		if (!email) errors.email = errorMessage('email-required');
		if (!password) errors.password = errorMessage('password-required');
		if (errors.email || errors.password) return fail(400, { email, errors, error: null });

		const db = appDb();
		const device = deviceIdFrom(cookies.get(DEVICE_COOKIE));
		const result = await attemptLogin(db, { email, password, ip: getClientAddress(), device: device.id }, loginGuard());
		if (!result.ok) {
			return fail(refusalStatus(result.reason), { email, errors: {}, error: errorMessage(result.reason) });
		}
		// A new session, never the one this browser brought (session fixation), and that one ends: one
		// device, one identity, as at joining (a participant's session on a shared laptop must not live on).
		if (locals.session) {
			endDeviceSession(db, locals.session.id);
		}
		const { token, session } = createSession(db, { userId: result.userId }, sessionLife());
		cookies.set(SESSION_COOKIE, token, sessionCookieOptions(url, session.expiresAt));
		// This browser is now one the account knows: someone else's wrong passwords do not lock it out.
		if (device.isNew) cookies.set(DEVICE_COOKIE, device.id, deviceCookieOptions(url));
		redirect(303, redirectTo);
	}
};
