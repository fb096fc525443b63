import type { Actions, PageServerLoad } from './$types';
import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { appDb } from '$lib/server/app';
import { canCreateMeeting } from '$lib/server/access/policies';
import { createMeeting, CreateMeetingSchema } from '$lib/server/meetings/create-meeting';
import { listMeetingsFor } from '$lib/server/meetings/queries';
import { errorMessage } from '$lib/i18n/errors';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.actor?.kind !== 'user') error(401, errorMessage('not-signed-in'));
	const meetings = listMeetingsFor(appDb(), locals.actor.user).map((meeting) => ({
		id: meeting.id,
		title: meeting.title,
		status: meeting.status,
		joinCode: meeting.joinCode
	}));
	return { meetings };
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		if (locals.actor?.kind !== 'user' || !canCreateMeeting(locals.actor)) {
			error(403, errorMessage('not-allowed'));
		}
		const form = await request.formData();
		const values = {
			title: String(form.get('title') ?? ''),
			tableName: String(form.get('tableName') ?? '')
		};
		const parsed = v.safeParse(CreateMeetingSchema, values);
		if (!parsed.success) {
			const errors: Record<string, string> = {};
			for (const issue of parsed.issues) {
				const key = String(issue.path?.[0]?.key ?? 'title');
				errors[key] ??= errorMessage(issue.message);
			}
			return fail(400, { values, errors });
		}
		const { meetingId } = createMeeting(appDb(), parsed.output, locals.actor.user.id);
		redirect(303, `/meetings/${meetingId}`);
	}
};
