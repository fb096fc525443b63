import { errorMessage, fieldMessages } from '$lib/i18n/errors';
import { confirmationMessage } from '$lib/i18n/poll-errors';
import { m } from '$lib/paraglide/messages';
import { refusalMessage, refusalStatus, type Refusal } from '$lib/server/commands/refusals';

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

/** A meeting status outcome as a reply: `{ status }`. */
export function statusReplyOf(
	outcome: { ok: true; status: string; replayed: boolean } | Refusal
): Reply {
	return outcome.ok ? { ok: true, replayed: outcome.replayed, body: { status: outcome.status } } : outcome;
}
