import type { Actions, PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { isAdmin } from '$lib/server/access/policies';
import {
	createFacilitatorAccount,
	listAccounts,
	setAccountDisabled
} from '$lib/server/users/manage-accounts';
import { formRefusal } from '$lib/server/http/form-door';
import { errorMessage } from '$lib/i18n/errors';

export const load: PageServerLoad = async ({ locals }) => {
	if (!isAdmin(locals.actor)) error(403, errorMessage('not-allowed'));
	return {
		accounts: (await listAccounts(appDb())).map(({ id, name, email, role, disabled }) => ({
			id,
			name,
			email,
			role,
			disabled
		}))
	};
};

// Both actions are admin commands through the frame (users/manage-accounts.ts): the frame refuses,
// logs, and closes a disabled account's sockets after the commit.
export const actions: Actions = {
	create: async ({ locals, request }) => {
		const form = await request.formData();
		const values = { name: String(form.get('name') ?? ''), email: String(form.get('email') ?? '') };
		const done = await createFacilitatorAccount(appDb(), locals.actor, values, Date.now());
		if (!done.ok) return formRefusal(done, (_r, text) => ({ create: { values, errors: text.errors } }));
		// Returned once, in this response only: the database holds just its hash.
		return { created: { email: done.result.email, oneTimePassword: done.result.oneTimePassword } };
	},

	toggle: async ({ locals, request }) => {
		const form = await request.formData();
		const input = { userId: String(form.get('userId') ?? ''), disable: form.get('disable') === 'true' };
		const done = await setAccountDisabled(appDb(), locals.actor, input, Date.now());
		if (!done.ok) return formRefusal(done, (_r, text) => ({ toggle: { error: text.message } }));
		return { toggled: { email: done.result.email, disabled: done.result.disabled } };
	}
};
