import type { Actions, PageServerLoad } from './$types';
import { error, fail } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { isAdmin } from '$lib/server/access/policies';
import {
	createFacilitatorAccount,
	listAccounts,
	setAccountDisabled
} from '$lib/server/users/manage-accounts';
import { closeAccountSockets } from '$lib/server/auth/live-sockets';
import { errorMessage, fieldMessages } from '$lib/i18n/errors';

function requireAdmin(actor: App.Locals['actor']): void {
	if (!isAdmin(actor)) error(403, errorMessage('not-allowed'));
}

export const load: PageServerLoad = ({ locals }) => {
	requireAdmin(locals.actor);
	return {
		accounts: listAccounts(appDb()).map(({ id, name, email, role, disabled }) => ({
			id,
			name,
			email,
			role,
			disabled
		}))
	};
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		requireAdmin(locals.actor);
		const form = await request.formData();
		const values = { name: String(form.get('name') ?? ''), email: String(form.get('email') ?? '') };
		const result = await createFacilitatorAccount(appDb(), values);
		if (!result.ok) return fail(400, { create: { values, errors: fieldMessages(result.errors) } });
		// Returned once, in this response only: the database holds just its hash.
		return { created: { email: result.email, oneTimePassword: result.oneTimePassword } };
	},

	toggle: async ({ locals, request }) => {
		requireAdmin(locals.actor);
		const form = await request.formData();
		const userId = String(form.get('userId') ?? '');
		const disable = form.get('disable') === 'true';
		const account = listAccounts(appDb()).find((a) => a.id === userId);
		if (!account) return fail(404, { toggle: { error: errorMessage('not-found') } });
		if (!setAccountDisabled(appDb(), userId, disable)) {
			return fail(403, { toggle: { error: errorMessage('admin-account-locked') } });
		}
		if (disable) closeAccountSockets(userId);
		return { toggled: { email: account.email, disabled: disable } };
	}
};
