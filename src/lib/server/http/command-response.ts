import { json } from '@sveltejs/kit';
import { errorMessage, fieldMessages } from '$lib/i18n/errors';
import { BOARD_DENIAL_STATUS, type BoardCommandResult } from '$lib/server/boards/run-board-command';
import { publishChange } from '$lib/server/realtime-seam';
import { problem } from './problem';

/**
 * The HTTP answer to a board command: the change is published once committed; a refusal becomes a
 * problem with a status that means what it says and a sentence in the user's language.
 */
export function commandResponse<R>(
	result: BoardCommandResult<R>,
	body: (result: R) => Record<string, unknown> = (r) => ({ result: r }),
	options: { created?: boolean } = {}
): Response {
	if (!result.ok) {
		if (result.reason === 'invalid') {
			const errors = fieldMessages(result.errors ?? {});
			return problem(422, 'invalid', Object.values(errors)[0] ?? errorMessage('invalid'), { errors });
		}
		return problem(BOARD_DENIAL_STATUS[result.reason], result.reason, errorMessage(result.reason));
	}
	if (result.change) publishChange(result.change);
	const status = options.created && !result.replayed ? 201 : 200;
	return json({ ...body(result.result), replayed: result.replayed }, { status });
}
