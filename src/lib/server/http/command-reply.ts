import { errorMessage, fieldMessages } from '../../i18n/errors.ts';
import { confirmationMessage } from '../../i18n/poll-errors.ts';
import { m } from '../../paraglide/messages.js';
import { refusalMessage, refusalStatus, type Refusal } from '../commands/refusals.ts';

// What both doors share about a command's answer: the frame's outcome in one shape, and a refusal's
// status (from the one refusal table) and sentences in the request's language.

/** A command's answer as either door sees it: the body to send, or the refusal. */
export type Reply = { ok: true; replayed: boolean; body: Record<string, unknown> } | Refusal;

/** A board, plenary or management outcome (`result`) as a reply. */
export function replyOf<R>(
	outcome: { ok: true; result: R; replayed: boolean } | Refusal,
	body: (result: R) => Record<string, unknown> = (result) => ({ result })
): Reply {
	return outcome.ok ? { ok: true, replayed: outcome.replayed, body: body(outcome.result) } : outcome;
}

/** A poll outcome (`value`, spread into the body) as a reply. */
export function pollReplyOf(
	outcome: { ok: true; value: unknown; replayed: boolean } | Refusal
): Reply {
	return outcome.ok
		? { ok: true, replayed: outcome.replayed, body: { ...(outcome.value as object) } }
		: outcome;
}

export interface RefusalText {
	status: number;
	/** One sentence for the whole refusal. */
	message: string;
	/** Field → sentence, for `invalid`. */
	errors: Record<string, string>;
}

export function refusalText(refusal: Refusal): RefusalText {
	const status = refusalStatus(refusal.reason);
	if (refusal.reason === 'invalid') {
		const errors = fieldMessages(refusal.errors ?? {});
		return { status, errors, message: Object.values(errors)[0] ?? errorMessage('invalid') };
	}
	if (refusal.reason === 'needs-confirmation') {
		return { status, errors: {}, message: confirmationMessage(refusal.affectedResponses ?? 0) };
	}
	if (refusal.reason === 'region-in-use') {
		return { status, errors: {}, message: m.register_error_region_in_use({ count: refusal.count ?? 0 }) };
	}
	if (refusal.reason === 'csv-missing-columns') {
		const columns = (refusal.columns ?? []).join(', ');
		return { status, errors: {}, message: m.register_csv_missing_columns({ columns }) };
	}
	return { status, errors: {}, message: errorMessage(refusalMessage(refusal.reason)) };
}

/** A refusal as a JSON door answers it: status, `{ error, message, … }`, and the seconds to wait for a 429. */
export function refusalBody(refusal: Refusal): { status: number; body: Record<string, unknown>; retryAfter?: number } {
	const text = refusalText(refusal);
	const body: Record<string, unknown> = { error: refusal.reason, message: text.message };
	if (refusal.reason === 'invalid') Object.assign(body, { errors: text.errors, codes: refusal.errors ?? {} });
	if (refusal.reason === 'needs-confirmation') body.affectedResponses = refusal.affectedResponses ?? 0;
	if (refusal.reason === 'too-many-attempts') return { status: text.status, body, retryAfter: refusal.retryAfter ?? 60 };
	return { status: text.status, body };
}

/**
 * A reply as a JSON door answers it, whichever door (the HTTP endpoint, the room socket): 201 for a new
 * resource (`created`), 200 otherwise and for every replay; a refusal as `refusalBody` shapes it.
 */
export function replyBody(reply: Reply, options: { created?: boolean } = {}): { status: number; body: Record<string, unknown>; retryAfter?: number } {
	if (!reply.ok) return refusalBody(reply);
	return { status: options.created && !reply.replayed ? 201 : 200, body: { ...reply.body, replayed: reply.replayed } };
}

/** A meeting status outcome as a reply: `{ status }`. */
export function statusReplyOf(
	outcome: { ok: true; status: string; replayed: boolean } | Refusal
): Reply {
	return outcome.ok ? { ok: true, replayed: outcome.replayed, body: { status: outcome.status } } : outcome;
}
