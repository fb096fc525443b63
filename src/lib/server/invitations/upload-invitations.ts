import { mapInOrder } from '../in-order.ts';
import { transaction } from '../db/transaction.ts';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { invitations } from '../db/schema.ts';
import { newId } from '../ids.ts';
import { LIMITS } from '../../realtime/limits.ts';
import { parseCsv, type CsvParseResult } from '../csv/parse-csv.ts';
import { findPartnership } from '../register/partnerships.ts';
import { PARTNERSHIP_OTHER_MAX } from '../register/identity.ts';
import { newInvitationToken } from './tokens.ts';

// An invite list (name, email, partnership) becomes personal invitations. Decisions: the email is
// required and must look like an address; an email already invited to this meeting, or twice in the
// file, is an error for that row; a name is optional (the personal link asks for it); a partnership
// that is not in the register is kept as written (free text, like "other" at join) and reported as a
// note, not an error. Valid rows are created together in one transaction; bad rows are skipped.

export const INVITE_COLUMNS = {
	name: ['name', 'naam'],
	email: ['email', 'e-mail', 'emailadres', 'e-mailadres', 'mail'],
	partnership: ['partnership', 'partnerschap', 'organisatie']
} as const;

const EMAIL = /^[^\s@;,<>"]+@[^\s@;,<>"]+\.[^\s@;,<>"]+$/;
export const EMAIL_MAX = 254;

export interface InviteRowIssue {
	line: number;
	label: string;
	code: string;
}

export interface CreatedInvitation {
	id: string;
	name: string | null;
	email: string;
	partnership: string | null;
	/** The secret for the personal link: returned once, never stored. */
	token: string;
}

export type UploadResult =
	| { ok: true; created: CreatedInvitation[]; errors: InviteRowIssue[]; notes: InviteRowIssue[] }
	| Exclude<CsvParseResult, { ok: true }>;

export async function uploadInvitations(db: Db, meetingId: string, text: string): Promise<UploadResult> {
	const parsed = parseCsv(text, INVITE_COLUMNS, ['email']);
	if (!parsed.ok) return parsed;
	const known = new Set(
		(await db
			.select({ email: invitations.email })
			.from(invitations)
			.where(eq(invitations.meetingId, meetingId)))
			.map((r) => (r.email ?? '').toLowerCase())
	);
	const errors: InviteRowIssue[] = [];
	const notes: InviteRowIssue[] = [];
	const rows: Array<Omit<CreatedInvitation, 'id' | 'token'> & { partnershipId: string | null }> =
		[];
	for (const { line, values } of parsed.rows) {
		const email = values.email.toLowerCase();
		const label = values.name || values.email;
		const error = !email
			? 'invite-email-required'
			: email.length > EMAIL_MAX || !EMAIL.test(email)
				? 'invite-email-invalid'
				: known.has(email)
					? 'invite-email-duplicate'
					: values.name.length > LIMITS.displayNameMax
						? 'name-too-long'
						: values.partnership.length > PARTNERSHIP_OTHER_MAX
							? 'partnership-too-long'
							: null;
		if (error) {
			errors.push({ line, label, code: error });
			continue;
		}
		known.add(email);
		const partnership = values.partnership ? await findPartnership(db, values.partnership) : null;
		if (values.partnership && !partnership)
			notes.push({ line, label, code: 'invite-partnership-kept' });
		rows.push({
			name: values.name || null,
			email,
			partnershipId: partnership?.id ?? null,
			partnership: partnership?.name ?? (values.partnership || null)
		});
	}
	const created = await transaction(db, async (tx) =>
		await mapInOrder(rows, async (row) => {
			const id = newId();
			const { token, tokenHash } = newInvitationToken();
			await tx.insert(invitations)
				.values({
					id,
					meetingId,
					name: row.name,
					email: row.email,
					partnershipId: row.partnershipId,
					partnershipName: row.partnership,
					tokenHash
				});
			return { id, name: row.name, email: row.email, partnership: row.partnership, token };
		}), { lock: meetingId }
	);
	return { ok: true, created, errors, notes };
}
