import { fail, type ActionFailure } from '@sveltejs/kit';
import type { Actor } from '$lib/server/auth/session';
import { refuse, type Refusal } from '$lib/server/commands/refusals';
import { refusalText, type RefusalText, type Reply } from './command-reply';

// The form-action adapter: a no-JavaScript page hands its form's input to the same command the JSON
// endpoint uses, through the same frame, and a refusal becomes `fail(status, …)` with the status the
// refusal table gives. The page decides only how its failure data looks (which values to echo).

type Shape<D> = (refusal: Refusal, text: RefusalText) => D;

const oneSentence: Shape<{ error: string }> = (_r, text) => ({ error: text.message });

export interface FormAnswer<T, D> {
	/** The data a refused form gets (echoed values, field sentences, …); `{ error }` by default. */
	refused?: (refusal: Refusal, text: RefusalText) => D | Promise<D>;
	/** What the page gets when the command succeeded. */
	done(body: Record<string, unknown>, replayed: boolean): T;
}

export async function formCommand<T, D extends Record<string, unknown> = { error: string }>(
	actor: Actor | null,
	run: (actor: Actor, now: number) => Promise<Reply>,
	answer: FormAnswer<T, D>
): Promise<T | ActionFailure<D>> {
	const reply = actor ? await run(actor, Date.now()) : refuse('not-signed-in');
	if (!reply.ok) {
		const shape = answer.refused ?? (oneSentence as unknown as Shape<D>);
		const text = refusalText(reply);
		return fail(text.status, await shape(reply, text));
	}
	return answer.done(reply.body, reply.replayed);
}

/** A refusal as a form failure; by default `{ error }` with one sentence. */
export function formRefusal<D extends Record<string, unknown> = { error: string }>(
	refusal: Refusal,
	shape: Shape<D> = oneSentence as unknown as Shape<D>
): ActionFailure<D> {
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
	| { ok: false; failure: ActionFailure<{ error: string }> } {
	if (!reply.ok) return { ok: false, failure: formRefusal(reply) };
	return { ok: true, body: reply.body, replayed: reply.replayed };
}

/**
 * A refused form that shows its values again: field sentences for `invalid`, one sentence otherwise
 * (the join and personal-link forms).
 */
export function echoing<V>(values: V): Shape<{ values: V; errors: Record<string, string>; error: string | null }> {
	return (refusal, text) => ({ values, errors: text.errors, error: refusal.reason === 'invalid' ? null : text.message });
}
