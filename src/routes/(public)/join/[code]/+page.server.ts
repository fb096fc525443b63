import type { Actions, PageServerLoad } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { appDb, rateLimiters, sessionLife } from '$lib/server/app';
import { createSession } from '$lib/server/auth/session';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/auth/cookies';
import { normalizeJoinCode } from '$lib/server/meetings/join-code';
import { joinMeeting, resolveJoinCode } from '$lib/server/meetings/join-meeting';
import { identityFromForm, listRegionsForPicker } from '$lib/server/register/identity';
import { listPartnerships } from '$lib/server/register/partnerships';
import { endDeviceSession } from '$lib/server/auth/live-sockets';
import { refuse, refusalStatus } from '$lib/server/commands/refusals';
import { echoing, formRefusal } from '$lib/server/http/form-door';
import { LIMITS } from '$lib/realtime/limits';
import { joinCodeLookups } from '$lib/server/security/guards';
import { errorMessage } from '$lib/i18n/errors';
import { pathAfterJoin } from '$lib/server/meetings/next-step';


export const load: PageServerLoad = async ({ locals, params, getClientAddress }) => {
	const db = appDb();
	const address = getClientAddress();
	if (!joinCodeLookups.allows(address)) error(429, errorMessage('too-many-attempts'));
	const target = await resolveJoinCode(db, params.code);
	joinCodeLookups.record(address, target.ok || target.reason !== 'unknown-code');
	// The route's +error.svelte shows the message with a form to try another code.
	if (!target.ok) error(refusalStatus(target.reason), errorMessage(target.reason));
	const anonymous = target.meeting.anonymous;
	return {
		code: normalizeJoinCode(params.code),
		meetingTitle: target.meeting.title,
		anonymous,
		// An anonymous meeting asks nothing: no register is sent to the page either.
		partnerships: anonymous
			? []
			: (await listPartnerships(db)).map((p) => ({
					name: p.name,
					sectors: p.sectors.join(', '),
					regions: p.regions.join(', ')
				})),
		regions: anonymous ? [] : await listRegionsForPicker(db),
		signedInAs: locals.actor?.kind === 'user' ? locals.actor.user.name : null,
		// Someone who scans the QR code again is already in: show the way back to their table
		// instead of letting a second submit make a duplicate of them.
		alreadyJoined:
			locals.actor?.kind === 'participant' && locals.actor.participant.meetingId === target.meeting.id
				? {
						// An anonymous meeting's pseudonym stays on the server.
						name: anonymous ? null : locals.actor.participant.displayName,
						href: locals.actor.participant.tableId ? `/tables/${locals.actor.participant.tableId}` : `/meetings/${target.meeting.id}/tables`
					}
				: null,
		nameMax: LIMITS.displayNameMax
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request, cookies, url, getClientAddress }) => {
		const values = identityFromForm(await request.formData());
		if (!(await rateLimiters().joinIp.consume(getClientAddress())) || !joinCodeLookups.allows(getClientAddress())) {
			return formRefusal(refuse('too-many-attempts'), echoing(values));
		}
		const db = appDb();
		const result = await joinMeeting(db, params.code, values);
		if (!result.ok && result.reason === 'unknown-code') joinCodeLookups.record(getClientAddress(), false);
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
