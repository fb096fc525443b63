import type { Actions, PageServerLoad } from './$types';
import { appDb } from '$lib/server/app';
import { loginGuard } from '$lib/server/security/guards';
import { DEVICE_COOKIE } from '$lib/server/auth/device-cookie';
import { changePassword } from '$lib/server/users/change-password';
import { PASSWORD_MIN } from '$lib/server/auth/password';
import { refuse, type Refusal } from '$lib/server/commands/refusals';
import { formRefusal } from '$lib/server/http/form-door';
import type { RefusalText } from '$lib/server/http/command-reply';

export const load: PageServerLoad = ({ locals }) => ({
	forced: locals.actor?.kind === 'user' && locals.actor.user.mustChangePassword,
	passwordMin: PASSWORD_MIN
});

// Passwords are never echoed back into the page: a refusal names fields, or the first field's sentence.
const refused = (r: Refusal, t: RefusalText) => ({ errors: r.reason === 'invalid' ? t.errors : { current: t.message } });

export const actions: Actions = {
	/** A command through the frame (users/change-password.ts): it also closes the other devices' sockets. */
	default: async ({ locals, request, cookies, getClientAddress }) => {
		if (locals.actor?.kind !== 'user' || !locals.session) return formRefusal(refuse('not-signed-in'), refused);
		const form = await request.formData();
		const input = {
			current: String(form.get('current') ?? ''),
			password: String(form.get('password') ?? ''),
			confirm: String(form.get('confirm') ?? '')
		};
		// Checking the current password is a login attempt: a stolen session must not guess it freely.
		const attempt = { account: locals.actor.user.email, ip: getClientAddress(), device: cookies.get(DEVICE_COOKIE) ?? null };
		if (input.current && !loginGuard().admitLogin(attempt)) return formRefusal(refuse('too-many-attempts'), refused);
		const done = await changePassword(appDb(), locals.actor, locals.session.id, input, Date.now());
		if (!done.ok && done.errors?.current === 'wrong-current-password') loginGuard().recordFailure(attempt);
		if (!done.ok) return formRefusal(done, refused);
		return { saved: true };
	}
};

