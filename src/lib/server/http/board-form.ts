import { fail } from '@sveltejs/kit';
import { errorMessage, fieldMessages } from '$lib/i18n/errors';
import { BOARD_DENIAL_STATUS, type BoardCommandResult } from '$lib/server/boards/run-board-command';
import { publishChange } from '$lib/server/realtime-seam';

/**
 * A board command's outcome as a form action's: the change is published once committed; a refusal
 * becomes `fail(status, { error })` with a sentence in the user's language (as the JSON endpoint does).
 */
export function boardFormOutcome<R>(result: BoardCommandResult<R>) {
	if (!result.ok) {
		const message =
			result.reason === 'invalid'
				? (Object.values(fieldMessages(result.errors ?? {}))[0] ?? errorMessage('invalid'))
				: errorMessage(result.reason);
		return { ok: false as const, failure: fail(BOARD_DENIAL_STATUS[result.reason], { error: message }) };
	}
	if (result.change) publishChange(result.change);
	return { ok: true as const, result: result.result };
}
