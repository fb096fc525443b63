import type { Db } from '../db/client.ts';
import type { Actor } from '../auth/session.ts';
import type { CommandOutcome } from '../commands/frame.ts';
import { refuse } from '../commands/refusals.ts';
import { parseCsv, type CsvParseResult } from '../csv/parse-csv.ts';
import { runManagement } from '../meetings/management-scope.ts';
import { rotateInvitationLinks } from './rotate-links.ts';
import { INVITE_COLUMNS, uploadInvitations, type CreatedInvitation, type InviteRowIssue } from './upload-invitations.ts';

// The invitation commands of the management scope: the list and the links change in the frame's
// transaction with their log entry; the log keeps counts, never a link's secret.

/** A file that is not a usable invite list: the page and the endpoint both answer 422 with its code. */
export type CsvRefusal = Exclude<CsvParseResult, { ok: true }>;

export type InviteOutcome =
	| CommandOutcome<{ created: CreatedInvitation[]; errors: InviteRowIssue[]; notes: InviteRowIssue[] }>
	| (CsvRefusal & { csv: true });

export async function inviteFromCsv(db: Db, actor: Actor | null, meetingId: string, text: string, now: number): Promise<InviteOutcome> {
	// The file is read first: a file that is no list is an answer about the file, not a command.
	const parsed = parseCsv(text, INVITE_COLUMNS, ['email']);
	if (!parsed.ok) return { ...parsed, csv: true };
	return runManagement(db, actor, meetingId, now, {
		type: 'invitations.upload',
		payload: { rows: parsed.rows.length },
		async run(tx) {
			const result = await uploadInvitations(tx, meetingId, text);
			if (!result.ok) return refuse('invalid', { file: result.reason });
			const { created, errors, notes } = result;
			return { ok: true, result: { created, errors, notes } };
		},
		logged: ({ created, errors, notes }) => ({ created: created.length, errors: errors.length, notes: notes.length })
	});
}

/** New links for every invitation of the meeting, or (`invitationId`) for one; 404 when that one is not there. */
export async function renewInvitationLinks(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	invitationId: string | undefined,
	now: number
): Promise<CommandOutcome<CreatedInvitation[]>> {
	return runManagement(db, actor, meetingId, now, {
		type: 'invitations.rotate',
		payload: { invitationId: invitationId ?? null },
		async run(tx) {
			const rows = await rotateInvitationLinks(tx, meetingId, invitationId);
			if (invitationId && rows.length === 0) return refuse('not-found');
			return { ok: true, result: rows };
		},
		logged: (rows) => ({ count: rows.length })
	});
}
