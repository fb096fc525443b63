import { m } from '$lib/paraglide/messages';
import type { PollQuestionType } from '$lib/realtime/meeting-doc';

export function typeLabel(type: PollQuestionType): string {
	switch (type) {
		case 'single':
			return m.pollui_type_single();
		case 'multiple':
			return m.pollui_type_multiple();
		case 'ranking':
			return m.pollui_type_ranking();
		case 'scale':
			return m.pollui_type_scale();
		case 'text':
			return m.pollui_type_text();
	}
}
