import { fail, type ActionFailure } from '@sveltejs/kit';
import type { Actor } from '$lib/server/auth/session';
import { refuse, type Refusal } from '$lib/server/commands/refusals';
import { refusalText, type RefusalText, type Reply } from './command-reply';

// The form-action adapter: a no-JavaScript page hands its form's input to the same command the JSON
// endpoint uses, through the same frame, and a refusal becomes `fail(status, …)` with the status the
// refusal table gives. The page decides only how its failure data looks (which values to echo).

export interface FormAnswer<T> {
	/** The data a refused form gets besides `error` (echoed values, field sentences, …). */
	refused?(refusal: Refusal, text: RefusalText): Record<string, unknown>;
	/** What the page gets when the command succeeded. */
	done(body: Record<string, unknown>, replayed: boolean): T;
}

export function formCommand<T>(
	actor: Actor | null,
	run: (actor: Actor, now: number) => Reply,
	answer: FormAnswer<T>
): T | ActionFailure<Record<string, unknown>> {
	const reply = actor ? run(actor, Date.now()) : refuse('not-signed-in');
	if (!reply.ok) return formRefusal(reply, answer.refused);
	return answer.done(reply.body, reply.replayed);
}

/** A refusal as a form failure; by default `{ error }` with one sentence. */
export function formRefusal(
	refusal: Refusal,
	shape: FormAnswer<unknown>['refused'] = (_r, text) => ({ error: text.message })
): ActionFailure<Record<string, unknown>> {
	const text = refusalText(refusal);
	return fail(text.status, shape(refusal, text));
}

/**
 * A command's reply for a page that answers in its own shape: the body on success, or the failure
 * (status from the refusal table, `{ error }`) to return.
 */
export function formReply(
	reply: Reply
):
	| { ok: true; body: Record<string, unknown>; replayed: boolean }
	| { ok: false; failure: ActionFailure<Record<string, unknown>> } {
	if (!reply.ok) return { ok: false, failure: formRefusal(reply) };
	return { ok: true, body: reply.body, replayed: reply.replayed };
}
