import type { Actions, PageServerLoad } from './$types';
import { error, fail } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { closeOtherDeviceSockets } from '$lib/server/auth/live-sockets';
import { loginGuard } from '$lib/server/security/guards';
import { DEVICE_COOKIE } from '$lib/server/auth/device-cookie';
import { changePassword } from '$lib/server/users/change-password';
import { PASSWORD_MIN } from '$lib/server/auth/password';
import { errorMessage, fieldMessages } from '$lib/i18n/errors';

export const load: PageServerLoad = ({ locals }) => ({
	forced: locals.actor?.kind === 'user' && locals.actor.user.mustChangePassword,
	passwordMin: PASSWORD_MIN
});

export const actions: Actions = {
	default: async ({ locals, request, cookies, getClientAddress }) => {
		if (locals.actor?.kind !== 'user' || !locals.session) error(401, errorMessage('not-signed-in'));
		const form = await request.formData();
		const input = {
			current: String(form.get('current') ?? ''),
			password: String(form.get('password') ?? ''),
			confirm: String(form.get('confirm') ?? '')
		};
		if (!input.current)
			return fail(400, { errors: { current: errorMessage('password-required') } });
		// Checking the current password is a login attempt: a stolen session must not guess it freely.
		const attempt = { account: locals.actor.user.email, ip: getClientAddress(), device: cookies.get(DEVICE_COOKIE) ?? null };
		if (!loginGuard().admitLogin(attempt)) return fail(429, { errors: { current: errorMessage('too-many-attempts') } });
		const result = await changePassword(appDb(), locals.actor.user.id, locals.session.id, input);
		if (!result.ok && result.errors.current === 'wrong-current-password') loginGuard().recordFailure(attempt);
		// Passwords are never echoed back into the page.
		if (!result.ok) return fail(400, { errors: fieldMessages(result.errors) });
		// The other devices' sessions ended with the old password: their live rooms end now too.
		closeOtherDeviceSockets(locals.actor.user.id, locals.session.id);
		return { saved: true };
	}
};
