import { writeCsv } from '../csv/write-csv.ts';
import type { CreatedInvitation } from './upload-invitations.ts';
import { personalLink } from './tokens.ts';

export interface LinksCsvLabels {
	name: string;
	email: string;
	partnership: string;
	link: string;
}

/** The mail-merge list: one row per person with their personal link (formula-safe). */
export function invitationLinksCsv(
	rows: readonly CreatedInvitation[],
	base: string,
	labels: LinksCsvLabels
): string {
	return writeCsv(
		[labels.name, labels.email, labels.partnership, labels.link],
		rows.map((r) => [r.name, r.email, r.partnership, personalLink(base, r.token)])
	);
}
