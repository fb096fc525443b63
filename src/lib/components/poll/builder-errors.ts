import { m } from '$lib/paraglide/messages';
import { errorMessage } from '$lib/i18n/errors';

// The poll builder's field codes (question-schema.ts) as sentences.
const MESSAGES: Record<string, () => string> = {
	'prompt-required': () => m.pollui_berr_prompt_required(),
	'prompt-too-long': () => m.pollui_berr_prompt_too_long({ max: 500 }),
	'help-too-long': () => m.pollui_berr_help_too_long({ max: 1000 }),
	'option-label-required': () => m.pollui_berr_option_required(),
	'option-label-too-long': () => m.pollui_berr_option_too_long({ max: 200 }),
	'options-too-few': () => m.pollui_berr_options_few({ min: 2 }),
	'options-too-many': () => m.pollui_berr_options_many({ max: 20 }),
	'option-labels-duplicate': () => m.pollui_berr_options_duplicate(),
	'option-ids-duplicate': () => m.pollui_berr_options_duplicate(),
	'option-id-invalid': () => m.pollui_berr_options_duplicate(),
	'key-invalid': () => m.pollui_berr_key_invalid(),
	'key-taken': () => m.pollui_berr_key_taken(),
	'max-choices-invalid': () => m.pollui_berr_max_choices(),
	'scale-invalid': () => m.pollui_berr_scale(),
	'scale-label-too-long': () => m.pollui_berr_scale_label({ max: 100 }),
	'type-invalid': () => m.pollui_berr_type()
};

export function builderMessages(errors: Record<string, string>): Record<string, string> {
	return Object.fromEntries(
		Object.entries(errors).map(([field, code]) => [
			field,
			(MESSAGES[code] ?? (() => errorMessage(code)))()
		])
	);
}
