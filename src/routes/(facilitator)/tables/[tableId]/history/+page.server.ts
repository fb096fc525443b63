import type { Actions, PageServerLoad } from './$types';
import { error, fail } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { loadTableFacts } from '$lib/server/access/facts';
import { canManageMeeting } from '$lib/server/access/policies';
import { loadBoardViewAt } from '$lib/server/boards/board-history';
import { buildTimeline, isTableMoment, seqAtClock } from '$lib/server/boards/board-timeline';
import { runTableCommand } from '$lib/server/boards/table-commands';
import { findCommand, findCommandAt } from '$lib/server/commands/command-log';
import { formReply } from '$lib/server/http/form-door';
import { replyOf } from '$lib/server/http/command-reply';
import { getMeeting, getTable } from '$lib/server/meetings/queries';
import { utcToAmsterdam } from '$lib/server/meetings/amsterdam-time';
import { errorMessage } from '$lib/i18n/errors';
import { m } from '$lib/paraglide/messages';

// A table's history: the timeline of its commands, the board as it was at a chosen moment (by a step
// or by an Amsterdam clock time), and restoring it; facilitators of the meeting only.

async function guard(locals: App.Locals, tableId: string) {
	const db = appDb();
	const facts = await loadTableFacts(db, tableId);
	if (!facts) return { ok: false as const, status: 404 as const, reason: 'not-found' };
	if (!canManageMeeting(locals.actor, facts.meeting)) return { ok: false as const, status: 403 as const, reason: 'not-allowed' };
	return { ok: true as const, db, facts };
}

/** The moment asked for in the URL: `?at=<seq>`, or `?date=…&time=…` on the Amsterdam clock. */
async function chosenMoment(db: ReturnType<typeof appDb>, tableId: string, url: URL): Promise<{ seq: number | null; problem: string | null }> {
	const time = url.searchParams.get('time');
	if (time !== null) {
		const seq = await seqAtClock(db, tableId, url.searchParams.get('date') ?? '', time);
		return seq === null ? { seq: null, problem: m.hist_error_time_invalid() } : { seq, problem: null };
	}
	const at = url.searchParams.get('at');
	if (at === null) return { seq: null, problem: null };
	const seq = /^\d{1,15}$/.test(at) ? Number(at) : -1;
	return (await isTableMoment(db, tableId, seq)) ? { seq, problem: null } : { seq: null, problem: m.hist_error_moment_unknown() };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const access = await guard(locals, params.tableId);
	if (!access.ok) error(access.status, errorMessage(access.reason));
	const { db, facts } = access;
	const meeting = (await getMeeting(db, facts.meeting.id))!;
	const timeline = await buildTimeline(db, params.tableId);
	const { seq, problem } = await chosenMoment(db, params.tableId, url);
	const at = seq === null ? null : seq === 0 ? null : ((await findCommandAt(db, seq)) ?? null);
	return {
		meeting: { id: meeting.id, title: meeting.title, anonymous: meeting.anonymous, active: meeting.status === 'open' || meeting.status === 'live' },
		table: { id: params.tableId, name: (await getTable(db, params.tableId))?.name ?? '' },
		timeline,
		moment: seq === null ? null : { seq, at, board: (await loadBoardViewAt(db, params.tableId, seq))!, isNow: seq === (timeline[0]?.seq ?? 0) },
		problem,
		clock: {
			date: url.searchParams.get('date') ?? utcToAmsterdam(timeline[0]?.at ?? Date.now()).date,
			time: url.searchParams.get('time') ?? ''
		},
		commandId: crypto.randomUUID()
	};
};

async function command(locals: App.Locals, tableId: string, request: Request, body: (form: FormData) => Record<string, unknown>) {
	if (!locals.actor) return { ok: false as const, failure: fail(401, { error: errorMessage('not-signed-in') }) };
	const access = await guard(locals, tableId);
	if (!access.ok) return { ok: false as const, failure: fail(access.status, { error: errorMessage(access.reason) }) };
	const form = await request.formData();
	const commandId = String(form.get('commandId') ?? '');
	const input = { commandId, ...body(form) };
	return { ...formReply(replyOf(await runTableCommand(access.db, locals.actor, tableId, input, Date.now()))), commandId, db: access.db };
}

const seqField = (form: FormData, name: string) => {
	const raw = String(form.get(name) ?? '');
	return /^\d{1,15}$/.test(raw) ? Number(raw) : raw;
};

export const actions: Actions = {
	restore: async ({ locals, params, request }) => {
		const done = await command(locals, params.tableId, request, (f) => ({ type: 'board.restore', toSeq: seqField(f, 'toSeq') }));
		if (!done.ok) return done.failure;
		// The restore's own place in the log: what "undo this restore" names.
		return { restored: { seq: (await findCommand(done.db, done.commandId))!.seq, toSeq: (done.body.result as { toSeq: number }).toSeq } };
	},
	undo: async ({ locals, params, request }) => {
		const done = await command(locals, params.tableId, request, (f) => ({ type: 'command.undo', seq: seqField(f, 'seq') }));
		if (!done.ok) return done.failure;
		return { undone: (done.body.result as { undoneSeq: number }).undoneSeq };
	}
};
