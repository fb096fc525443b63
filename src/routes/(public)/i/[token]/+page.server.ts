import type { Actions, PageServerLoad } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { appDb, rateLimiters, sessionLife } from '$lib/server/app';
import { createSession } from '$lib/server/auth/session';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/auth/cookies';
import { lookUpPersonalLink, usePersonalLink } from '$lib/server/invitations/personal-link';
import { identityFromForm, listRegionsForPicker } from '$lib/server/register/identity';
import { listPartnerships } from '$lib/server/register/partnerships';
import { endDeviceSession } from '$lib/server/auth/live-sockets';
import { refuse, refusalStatus } from '$lib/server/commands/refusals';
import { echoing, formRefusal } from '$lib/server/http/form-door';
import { LIMITS } from '$lib/realtime/limits';
import { errorMessage } from '$lib/i18n/errors';
import { pathAfterJoin } from '$lib/server/meetings/next-step';

// GET only shows the page: mail scanners open links, and a visit must not create a participant or
// sign anybody in. The button (POST) does that.
export const load: PageServerLoad = async ({ params, locals }) => {
	const db = appDb();
	const found = await lookUpPersonalLink(db, params.token);
	if (!found.ok) error(refusalStatus(found.reason), errorMessage(found.reason));
	const { link } = found;
	const asks = !link.used && !link.anonymous;
	return {
		meetingTitle: link.meetingTitle,
		anonymous: link.anonymous,
		name: link.name,
		used: link.used,
		askName: asks && !link.name,
		askPartnership: asks && !link.partnership,
		askRest: asks,
		partnerships:
			asks && !link.partnership
				? (await listPartnerships(db)).map((p) => ({
						name: p.name,
						sectors: p.sectors.join(', '),
						regions: p.regions.join(', ')
					}))
				: [],
		regions: asks ? await listRegionsForPicker(db) : [],
		signedInAs: locals.actor?.kind === 'user' ? locals.actor.user.name : null,
		nameMax: LIMITS.displayNameMax
	};
};

export const actions: Actions = {
	default: async ({ params, request, locals, cookies, url, getClientAddress }) => {
		const values = identityFromForm(await request.formData());
		if (!(await rateLimiters().joinIp.consume(getClientAddress()))) {
			return formRefusal(refuse('too-many-attempts'), echoing(values));
		}
		const db = appDb();
		const result = await usePersonalLink(db, params.token, values);
		if (!result.ok) return formRefusal(result, echoing(values));
		// One device, one identity: whoever was signed in here before is signed out.
		if (locals.session) {
			await endDeviceSession(db, locals.session.id);
		}
		const { token, session } = await createSession(
			db,
			{ participantId: result.participantId },
			sessionLife()
		);
		cookies.set(SESSION_COOKIE, token, sessionCookieOptions(url, session.expiresAt));
		redirect(303, await pathAfterJoin(db, result.participantId));
	}
};
