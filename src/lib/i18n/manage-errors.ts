import { m } from '../paraglide/messages.js';
import { DETAIL_LIMITS } from '../server/meetings/meeting-details.ts';
import { TABLE_LIMITS } from '../server/meetings/manage-tables.ts';
import { THEME_DESCRIPTION_MAX, THEME_NAME_MAX, THEME_WORDS_TEXT_MAX } from '../server/meetings/manage-themes.ts';
import { SERIES_LIMITS } from '../server/series/manage-series.ts';

// Meeting and series management codes as sentences; errors.ts falls back to this table.
export const MANAGE_MESSAGES: Record<string, () => string> = {
	'meeting-not-open': () => m.manage_error_meeting_not_open(),
	'invalid-transition': () => m.manage_error_invalid_transition(),
	'action-invalid': () => m.manage_error_invalid_transition(),
	'meeting-not-editable': () => m.manage_error_not_editable(),
	'anonymity-locked': () => m.manage_error_anonymity_locked(),
	'unknown-account': () => m.manage_error_unknown_account(),
	'already-facilitator': () => m.manage_error_already_facilitator(),
	'date-required': () => m.manage_error_date_required(),
	'time-invalid': () => m.manage_error_time_invalid(),
	'series-unknown': () => m.manage_error_series_unknown(),
	'place-too-long': () => m.manage_error_too_long({ max: DETAIL_LIMITS.placeMax }),
	'introduction-too-long': () => m.manage_error_too_long({ max: DETAIL_LIMITS.introductionMax }),
	'topic-too-long': () => m.manage_error_too_long({ max: TABLE_LIMITS.topicMax }),
	'description-too-long': () => m.manage_error_too_long({ max: TABLE_LIMITS.descriptionMax }),
	'series-description-too-long': () =>
		m.manage_error_too_long({ max: SERIES_LIMITS.descriptionMax }),
	'max-size-invalid': () => m.manage_error_max_size({ max: TABLE_LIMITS.maxSizeMax }),
	'theme-required': () => m.manage_error_theme_required(),
	'theme-too-long': () => m.manage_error_too_long({ max: THEME_NAME_MAX }),
	'theme-description-too-long': () => m.manage_error_too_long({ max: THEME_DESCRIPTION_MAX }),
	'theme-words-too-long': () => m.manage_error_too_long({ max: THEME_WORDS_TEXT_MAX }),
	'color-invalid': () => m.manage_error_color_invalid(),
	'table-not-found': () => m.error_not_found(),
	'table-in-use': () => m.polish_table_in_use(),
	'last-table': () => m.polish_table_last(),
	'theme-not-found': () => m.error_not_found()
};
