import type { Actions, PageServerLoad } from './$types';
import { error, fail } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { config } from '$lib/server/config';
import { loadMeetingFacts } from '$lib/server/access/facts';
import { canManageMeeting } from '$lib/server/access/policies';
import { getMeeting } from '$lib/server/meetings/queries';
import { listInvitations } from '$lib/server/invitations/list-invitations';
import type { CreatedInvitation } from '$lib/server/invitations/upload-invitations';
import { inviteFromCsv, renewInvitationLinks } from '$lib/server/invitations/invitation-commands';
import { refuse } from '$lib/server/commands/refusals';
import { invitationLinksCsv } from '$lib/server/invitations/links-csv';
import { personalLink } from '$lib/server/invitations/tokens';
import { CSV_LIMITS } from '$lib/server/csv/parse-csv';
import { deleteMeetingPersonalData } from '$lib/server/privacy/delete-meeting-personal-data';
import { formRefusal } from '$lib/server/http/form-door';
import { errorMessage } from '$lib/i18n/errors';
import { m } from '$lib/paraglide/messages';

/** The meeting, when this actor may manage it; the error page otherwise (checked in load and every action). */
async function requireManaged(locals: App.Locals, meetingId: string) {
	const db = appDb();
	const facts = await loadMeetingFacts(db, meetingId);
	if (!facts) error(404, errorMessage('not-found'));
	if (!canManageMeeting(locals.actor, facts)) error(403, errorMessage('not-allowed'));
	return (await getMeeting(db, meetingId))!;
}

/** Links exist in plain text only in this response: shown once, with the mail-merge file beside them. */
function linksResult(rows: CreatedInvitation[], origin: string) {
	const base = config().publicUrl ?? origin;
	const csv = invitationLinksCsv(rows, base, {
		name: m.invite_csv_name(),
		email: m.invite_csv_email(),
		partnership: m.invite_csv_partnership(),
		link: m.invite_csv_link()
	});
	return {
		rows: rows.map((r) => ({
			id: r.id,
			name: r.name,
			email: r.email,
			link: personalLink(base, r.token)
		})),
		csvHref: `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`
	};
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const meeting = await requireManaged(locals, params.meetingId);
	return {
		meeting: {
			id: meeting.id,
			title: meeting.title,
			anonymous: meeting.anonymous,
			personalDataDeletedAt: meeting.personalDataDeletedAt
		},
		invitations: await listInvitations(appDb(), meeting.id, meeting.anonymous)
	};
};

export const actions: Actions = {
	upload: async ({ locals, params, request, url }) => {
		const meeting = await requireManaged(locals, params.meetingId);
		const file = (await request.formData()).get('file');
		const refused = (_r: unknown, text: { message: string }) => ({ upload: { error: text.message } });
		if (!(file instanceof File) || file.size === 0) return formRefusal(refuse('csv-empty'), refused);
		if (file.size > CSV_LIMITS.bytesMax) return formRefusal(refuse('csv-too-large'), refused);
		const outcome = await inviteFromCsv(appDb(), locals.actor, meeting.id, await file.text(), Date.now());
		if (!outcome.ok) {
			if ('csv' in outcome) {
				const columns = outcome.reason === 'csv-missing-columns' ? outcome.missing : undefined;
				return formRefusal({ ...refuse(outcome.reason), columns }, refused);
			}
			return formRefusal(outcome, refused);
		}
		const result = outcome.result;
		const describe = (i: { line: number; label: string; code: string }) => ({
			line: i.line,
			label: i.label,
			message: errorMessage(i.code)
		});
		return {
			uploaded: {
				created: result.created.length,
				errors: result.errors.map(describe),
				notes: result.notes.map(describe)
			},
			links: linksResult(result.created, url.origin)
		};
	},

	rotate: async ({ locals, params, request, url }) => {
		const meeting = await requireManaged(locals, params.meetingId);
		const form = await request.formData();
		const one = String(form.get('invitationId') ?? '') || undefined;
		if (!one && form.get('confirm') !== 'on')
			return fail(400, { rotate: { error: m.invite_rotate_confirm_needed() } });
		const renewed = await renewInvitationLinks(appDb(), locals.actor, meeting.id, one, Date.now());
		if (!renewed.ok) return formRefusal(renewed, (_r, text) => ({ rotate: { error: text.message } }));
		const rows = renewed.result;
		return { rotated: { count: rows.length }, links: linksResult(rows, url.origin) };
	},

	deletePersonalData: async ({ locals, params, request }) => {
		const meeting = await requireManaged(locals, params.meetingId);
		if ((await request.formData()).get('confirm') !== 'on') {
			return fail(400, { privacy: { error: m.privacy_confirm_needed() } });
		}
		const deleted = await deleteMeetingPersonalData(appDb(), locals.actor, meeting.id, Date.now());
		if (!deleted.ok) return formRefusal(deleted, (_r, text) => ({ privacy: { error: text.message } }));
		const { participants, invitations } = deleted.report;
		return { privacyDone: { participants, invitations } };
	}
};
