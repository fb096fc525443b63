import { json } from '@sveltejs/kit';
import type { Actor } from '$lib/server/auth/session';
import { TokenBucket } from '$lib/server/auth/rate-limit';
import { problem, readJson } from '$lib/server/http/problem';
import { publishChange } from '$lib/server/realtime-seam';
import type { PollResult } from '$lib/server/polls/poll-command';
import { errorMessage, fieldMessages } from '$lib/i18n/errors';
import { confirmationMessage } from '$lib/i18n/poll-errors';

// Shared by the poll endpoints: body reading, the status of each refusal, publishing after commit.

const STATUS = {
	'not-found': 404,
	'question-unknown': 404,
	'not-allowed': 403,
	'command-id-taken': 409,
	'poll-closed': 409,
	'meeting-not-active': 409,
	'needs-confirmation': 409,
	'key-taken': 422,
	invalid: 422
} as const;

// Save as you go sends an answer per change: generous, but a runaway client is stopped.
const answerLimiter = new TokenBucket(120, 60_000);

export function signedOut(): Response {
	return problem(401, 'not-signed-in', errorMessage('not-signed-in'));
}

export function tooMany(actor: Actor): Response | null {
	const key = actor.kind === 'user' ? `u:${actor.user.id}` : `p:${actor.participant.id}`;
	return answerLimiter.consume(key)
		? null
		: problem(429, 'too-many-attempts', errorMessage('too-many-attempts'));
}

/** The JSON body, or the 400 response to send instead. */
export async function body(
	request: Request
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
	const value = await readJson(request);
	if (value === null)
		return { ok: false, response: problem(400, 'invalid-json', errorMessage('invalid-json')) };
	return { ok: true, value };
}

/**
 * A command's outcome as HTTP: `created` (201) or 200, 200 for a replay; refusals as problem bodies;
 * the change published only after the commit.
 */
export function respond<T>(result: PollResult<T>, created = false): Response {
	if (!result.ok) {
		if (result.reason === 'invalid') {
			const errors = fieldMessages(result.errors);
			return problem(422, 'invalid', Object.values(errors)[0] ?? errorMessage('invalid-json'), {
				errors,
				codes: result.errors
			});
		}
		if (result.reason === 'needs-confirmation') {
			return problem(409, 'needs-confirmation', confirmationMessage(result.affectedResponses), {
				affectedResponses: result.affectedResponses
			});
		}
		return problem(STATUS[result.reason], result.reason, errorMessage(result.reason));
	}
	if (result.change) publishChange(result.change);
	return json(
		{ ...(result.value as object), replayed: result.replayed },
		{ status: created && !result.replayed ? 201 : 200 }
	);
}
