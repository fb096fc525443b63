import { m } from '../paraglide/messages.js';
import { LIMITS } from '../realtime/limits.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '../server/auth/password.ts';
import { POLL_MESSAGES } from './poll-errors.ts';
import { MANAGE_MESSAGES } from './manage-errors.ts';
import { BOARD_MESSAGES } from './board-errors.ts';
import { FRAME_MESSAGES } from './frame-errors.ts';

// Domain modules speak in stable codes ('name-too-long'); this is the one place that turns a code into
// a sentence in the request's language.
const MESSAGES: Record<string, () => string> = {
	'not-signed-in': () => m.error_not_signed_in(),
	'not-allowed': () => m.error_forbidden(),
	'not-found': () => m.error_not_found(),
	'invalid-json': () => m.error_invalid_json(),
	'meeting-mismatch': () => m.error_meeting_mismatch(),
	'too-many-attempts': () => m.error_too_many_attempts(),
	'invalid-credentials': () => m.error_invalid_credentials(),
	'account-disabled': () => m.error_account_disabled(),
	'unknown-code': () => m.error_unknown_code(),
	'meeting-closed': () => m.error_meeting_closed(),
	'database-unavailable': () => m.error_database_unavailable(),
	'code-required': () => m.error_code_required(),
	'code-invalid': () => m.error_code_invalid(),
	'name-required': () => m.error_name_required(),
	'name-too-long': () => m.error_name_too_long({ max: LIMITS.displayNameMax }),
	'partnership-required': () => m.error_partnership_required(),
	'sector-required': () => m.error_sector_required(),
	'text-required': () => m.error_text_required(),
	'text-too-long': () => m.error_text_too_long({ max: LIMITS.cardTextMax }),
	'table-full': () => m.error_table_full({ max: LIMITS.cardsPerTable }),
	'meeting-not-active': () => m.error_meeting_not_active(),
	'command-id-required': () => m.error_command_id(),
	'command-id-invalid': () => m.error_command_id(),
	'command-id-taken': () => m.error_command_id_taken(),
	'title-required': () => m.error_title_required(),
	'title-too-long': () => m.error_title_too_long({ max: LIMITS.meetingTitleMax }),
	'table-required': () => m.error_table_name_required(),
	'table-too-long': () => m.error_table_name_too_long({ max: LIMITS.tableNameMax }),
	'email-required': () => m.error_email_required(),
	'email-invalid': () => m.error_email_invalid(),
	'email-taken': () => m.error_email_taken(),
	'password-required': () => m.error_password_required(),
	'too-short': () => m.error_password_too_short({ min: PASSWORD_MIN }),
	'too-long': () => m.error_password_too_long({ max: PASSWORD_MAX }),
	'too-simple': () => m.error_password_too_simple(),
	'contains-email-name': () => m.polish_password_contains_email_name(),
	'password-mismatch': () => m.error_password_mismatch(),
	'wrong-current-password': () => m.error_password_wrong_current(),
	// Register, join fields, CSV uploads (issue #3).
	'partnership-unknown': () => m.join2_error_partnership_unknown(),
	'partnership-too-long': () => m.join2_error_partnership_too_long({ max: 120 }),
	'region-unknown': () => m.join2_error_region_unknown(),
	'register-name-required': () => m.register_error_name_required(),
	'register-name-too-long': () => m.register_error_name_too_long(),
	'register-name-taken': () => m.register_error_name_taken(),
	'register-sectors-required': () => m.register_error_sectors_required(),
	'register-sector-unknown': () => m.register_error_sector_unknown(),
	'register-regions-required': () => m.register_error_regions_required(),
	'register-duplicate-row': () => m.register_error_duplicate_row(),
	'unknown-link': () => m.invite_error_unknown_link(),
	'invite-email-required': () => m.invite_error_email_required(),
	'invite-email-invalid': () => m.invite_error_email_invalid(),
	'invite-email-duplicate': () => m.invite_error_email_duplicate(),
	'invite-partnership-kept': () => m.invite_note_partnership_kept(),
	'csv-empty': () => m.register_error_csv_empty(),
	'csv-too-large': () => m.register_error_csv_too_large(),
	'csv-too-many-rows': () => m.register_error_csv_too_many_rows(),
	network: () => m.error_network(),
	'admin-account-locked': () => m.error_admin_account_locked()
};

export function errorMessage(code: string): string {
	return (
		MESSAGES[code] ??
		POLL_MESSAGES[code] ??
		MANAGE_MESSAGES[code] ??
		BOARD_MESSAGES[code] ??
		FRAME_MESSAGES[code] ??
		MESSAGES['not-found']
	)();
}

/** Field errors from codes to sentences. */
export function fieldMessages(errors: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(errors).map(([field, code]) => [field, errorMessage(code)]));
}
