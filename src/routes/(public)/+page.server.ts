import type { Actions, PageServerLoad } from './$types';
import { fail, redirect } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { normalizeJoinCode } from '$lib/server/meetings/join-code';
import { resolveJoinCode } from '$lib/server/meetings/join-meeting';
import { errorMessage } from '$lib/i18n/errors';
import { joinCodeLookups } from '$lib/server/security/guards';

export const load: PageServerLoad = ({ locals, url }) => ({
	signedOut: url.searchParams.get('reason') === 'signed-out',
	tableId: locals.actor?.kind === 'participant' ? locals.actor.participant.tableId : null,
	staff: locals.actor?.kind === 'user'
});

export const actions: Actions = {
	/** Someone types a join code: send them to the join form, or say why not. */
	default: async ({ request, getClientAddress }) => {
		const code = String((await request.formData()).get('code') ?? '').slice(0, 100);
		const address = getClientAddress();
		if (!joinCodeLookups.allows(address)) return fail(429, { code, error: errorMessage('too-many-attempts') });
		if (!code.trim()) return fail(400, { code, error: errorMessage('code-required') });
		const normalized = normalizeJoinCode(code);
		if (!normalized) return fail(400, { code, error: errorMessage('code-invalid') });
		const result = await resolveJoinCode(appDb(), normalized);
		joinCodeLookups.record(address, result.ok || result.reason !== 'unknown-code');
		if (!result.ok) {
			const status = result.reason === 'meeting-closed' ? 410 : 404;
			return fail(status, { code, error: errorMessage(result.reason) });
		}
		redirect(303, `/join/${normalized}`);
	}
};
