// The one table of refusals: every reason a command (or a guard in front of one) can refuse with, its
// HTTP status and the message code the adapters turn into a sentence ($lib/i18n/errors). Both doors
// (JSON endpoint, form action) read it, so a refusal has the same status whichever door it came by.
// 400 unreadable, 401 not signed in, 403 not allowed, 404 missing, 409 wrong state, 410 gone,
// 413 too large, 422 invalid input, 429 too many, 503 the database is unreachable.

export const REFUSALS = {
	// Reading the request.
	'invalid-json': { status: 400, message: 'invalid-json' },
	/** The X-Denktafel-Meeting header (what the proxy hashed on) names another meeting than the command's. */
	'meeting-mismatch': { status: 400, message: 'meeting-mismatch' },
	'too-large': { status: 413, message: 'too-large' },
	invalid: { status: 422, message: 'invalid' },
	'not-signed-in': { status: 401, message: 'not-signed-in' },
	'too-many-attempts': { status: 429, message: 'too-many-attempts' },
	// Who may.
	'not-allowed': { status: 403, message: 'not-allowed' },
	'not-own-card': { status: 403, message: 'not-own-card' },
	'not-a-voter': { status: 403, message: 'not-a-voter' },
	'choice-closed': { status: 403, message: 'choice-closed' },
	'admin-account-locked': { status: 403, message: 'admin-account-locked' },
	// What is missing.
	'not-found': { status: 404, message: 'not-found' },
	'card-not-found': { status: 404, message: 'card-not-found' },
	'cluster-not-found': { status: 404, message: 'cluster-not-found' },
	'theme-not-found': { status: 404, message: 'theme-not-found' },
	'table-not-found': { status: 404, message: 'table-not-found' },
	'question-unknown': { status: 404, message: 'question-unknown' },
	// The state does not allow it.
	'command-id-taken': { status: 409, message: 'command-id-taken' },
	'meeting-not-active': { status: 409, message: 'meeting-not-active' },
	'meeting-not-editable': { status: 409, message: 'meeting-not-editable' },
	archived: { status: 409, message: 'archived' },
	'invalid-transition': { status: 409, message: 'invalid-transition' },
	'anonymity-locked': { status: 409, message: 'anonymity-locked' },
	'already-facilitator': { status: 409, message: 'already-facilitator' },
	'wrong-phase': { status: 409, message: 'wrong-phase' },
	'budget-spent': { status: 409, message: 'budget-spent' },
	'card-cap': { status: 409, message: 'card-cap' },
	'no-vote-to-withdraw': { status: 409, message: 'no-vote-to-withdraw' },
	'table-full': { status: 409, message: 'table-full' },
	'table-at-capacity': { status: 409, message: 'table-at-capacity' },
	'table-in-use': { status: 409, message: 'table-in-use' },
	'last-table': { status: 409, message: 'last-table' },
	'not-hidden': { status: 409, message: 'not-hidden' },
	'nothing-to-undo': { status: 409, message: 'nothing-to-undo' },
	'changed-since': { status: 409, message: 'changed-since' },
	'not-last-command': { status: 409, message: 'not-last-command' },
	'plenary-started': { status: 409, message: 'plenary-started' },
	'plenary-not-started': { status: 409, message: 'plenary-not-started' },
	'plenary-votes-cast': { status: 409, message: 'plenary-votes-cast' },
	'poll-closed': { status: 409, message: 'poll-closed' },
	'needs-confirmation': { status: 409, message: 'needs-confirmation' },
	'key-taken': { status: 409, message: 'key-taken' },
	'region-in-use': { status: 409, message: 'region-in-use' },
	// Input that contradicts itself.
	'same-card': { status: 422, message: 'same-card' },
	'same-cluster': { status: 422, message: 'same-cluster' },
	// An uploaded register (CSV) that cannot be read as one.
	'csv-too-large': { status: 413, message: 'csv-too-large' },
	'csv-empty': { status: 422, message: 'csv-empty' },
	'csv-too-many-rows': { status: 422, message: 'csv-too-many-rows' },
	'csv-missing-columns': { status: 422, message: 'csv-missing-columns' },
	// Signing in and joining.
	'invalid-credentials': { status: 401, message: 'invalid-credentials' },
	'account-disabled': { status: 403, message: 'account-disabled' },
	'unknown-code': { status: 404, message: 'unknown-code' },
	'unknown-link': { status: 404, message: 'unknown-link' },
	'meeting-not-open': { status: 409, message: 'meeting-not-open' },
	'meeting-closed': { status: 410, message: 'meeting-closed' },
	// The database cannot be reached (PostgreSQL down, restarting, the connection lost): try again soon.
	'database-unavailable': { status: 503, message: 'database-unavailable' }
} as const satisfies Record<string, { status: number; message: string }>;

export type RefusalReason = keyof typeof REFUSALS;

export const REFUSAL_REASONS = Object.keys(REFUSALS) as RefusalReason[];

/** A refusal as a value: expected outcomes are values, only bugs throw. */
export interface Refusal {
	ok: false;
	reason: RefusalReason;
	/** Field → message code, for `invalid`. */
	errors?: Record<string, string>;
	/** For `needs-confirmation`: how many answers a change would touch. */
	affectedResponses?: number;
	/** For `too-many-attempts`: seconds until a try may pass again. */
	retryAfter?: number;
	/** For `region-in-use`: how many participants chose the region. */
	count?: number;
	/** For `csv-missing-columns`: the columns the file lacks. */
	columns?: string[];
}

export function isRefusalReason(reason: string): reason is RefusalReason {
	return Object.hasOwn(REFUSALS, reason);
}

/** The HTTP status of a refusal; an unknown reason is a bad request (and a bug to add here). */
export function refusalStatus(reason: string): number {
	return isRefusalReason(reason) ? REFUSALS[reason].status : 400;
}

/** The message code of a refusal, for $lib/i18n/errors. */
export function refusalMessage(reason: string): string {
	return isRefusalReason(reason) ? REFUSALS[reason].message : reason;
}

export function refuse(reason: RefusalReason, errors?: Record<string, string>): Refusal {
	return errors ? { ok: false, reason, errors } : { ok: false, reason };
}
