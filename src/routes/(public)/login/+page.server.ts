import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { appDb, sessionLife } from '$lib/server/app';
import { loginGuard } from '$lib/server/security/guards';
import { DEVICE_COOKIE, deviceCookieOptions, deviceIdFrom } from '$lib/server/auth/device-cookie';
import { attemptLogin } from '$lib/server/auth/login';
import { createSession } from '$lib/server/auth/session';
import { endDeviceSession } from '$lib/server/auth/live-sockets';
import { refuse, type Refusal } from '$lib/server/commands/refusals';
import { formRefusal } from '$lib/server/http/form-door';
import type { RefusalText } from '$lib/server/http/command-reply';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/auth/cookies';
import { safeRedirectTarget } from '$lib/server/http/safe-redirect';

export const load: PageServerLoad = ({ url }) => ({
	redirectTo: safeRedirectTarget(url.searchParams.get('redirectTo'), '')
});

export const actions: Actions = {
	default: async ({ locals, request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const redirectTo = safeRedirectTarget(form.get('redirectTo'), '/meetings');

		// Refusals from the one table through the form door; the password is never echoed.
		const refused = (r: Refusal, t: RefusalText) => ({ email, errors: t.errors, error: r.reason === 'invalid' ? null : t.message });
		const missing: Record<string, string> = {};
		if (!email) missing.email = 'email-required';
		if (!password) missing.password = 'password-required';
		if (missing.email || missing.password) return formRefusal(refuse('invalid', missing), refused);

		const db = appDb();
		const device = deviceIdFrom(cookies.get(DEVICE_COOKIE));
		const result = await attemptLogin(db, { email, password, ip: getClientAddress(), device: device.id }, loginGuard());
		if (!result.ok) return formRefusal(result, refused);
		// A new session, never the one this browser brought (session fixation), and that one ends: one
		// device, one identity, as at joining (a participant's session on a shared laptop must not live on).
		if (locals.session) {
			await endDeviceSession(db, locals.session.id);
		}
		const { token, session } = await createSession(db, { userId: result.userId }, sessionLife());
		cookies.set(SESSION_COOKIE, token, sessionCookieOptions(url, session.expiresAt));
		// This browser is now one the account knows: someone else's wrong passwords do not lock it out.
		if (device.isNew) cookies.set(DEVICE_COOKIE, device.id, deviceCookieOptions(url));
		redirect(303, redirectTo);
	}
};
