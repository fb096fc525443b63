import type { Actions, PageServerLoad } from './$types';
import { error, fail } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { changePassword } from '$lib/server/users/change-password';
import { PASSWORD_MIN } from '$lib/server/auth/password';
import { errorMessage, fieldMessages } from '$lib/i18n/errors';

export const load: PageServerLoad = ({ locals }) => ({
	forced: locals.actor?.kind === 'user' && locals.actor.user.mustChangePassword,
	passwordMin: PASSWORD_MIN
});

export const actions: Actions = {
	default: async ({ locals, request }) => {
		if (locals.actor?.kind !== 'user' || !locals.session) error(401, errorMessage('not-signed-in'));
		const form = await request.formData();
		const input = {
			current: String(form.get('current') ?? ''),
			password: String(form.get('password') ?? ''),
			confirm: String(form.get('confirm') ?? '')
		};
		if (!input.current)
			return fail(400, { errors: { current: errorMessage('password-required') } });
		const result = await changePassword(appDb(), locals.actor.user.id, locals.session.id, input);
		// Passwords are never echoed back into the page.
		if (!result.ok) return fail(400, { errors: fieldMessages(result.errors) });
		return { saved: true };
	}
};
