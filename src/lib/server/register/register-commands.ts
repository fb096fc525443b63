import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import type { Actor } from '../auth/session.ts';
import { runAdmin } from '../access/admin-scope.ts';
import { isAdmin } from '../access/policies.ts';
import type { CommandOutcome } from '../commands/frame.ts';
import { refuse, type Refusal } from '../commands/refusals.ts';
import { CSV_LIMITS } from '../csv/parse-csv.ts';
import { importRegisterCsv, type ImportResult } from './import-register.ts';
import {
	deletePartnership,
	deleteRegion,
	savePartnership,
	saveRegion,
	type SaveResult
} from './manage-register.ts';

// The register (partnerships, regions, CSV import) changed through the admin scope of the command
// frame: each change is one logged command, and every refusal comes from the one refusal table. The
// rules themselves stay in manage-register.ts and import-register.ts.

/** The form's fields, read as they came; the rules in manage-register.ts validate them. */
const Fields = v.object({ id: v.optional(v.string()), values: v.record(v.string(), v.unknown()) });
type Fields = v.InferOutput<typeof Fields>;
const IdOnly = v.object({ id: v.string() });

function parseOr<S extends v.GenericSchema>(schema: S) {
	return (input: unknown): { ok: true; value: v.InferOutput<S> } | Refusal => {
		const parsed = v.safeParse(schema, input);
		return parsed.success ? { ok: true, value: parsed.output } : refuse('invalid');
	};
}

function saved(result: SaveResult): { ok: true; result: { id: string } } | Refusal {
	if (result.ok) return { ok: true, result: { id: result.id } };
	return result.reason === 'not-found' ? refuse('not-found') : refuse('invalid', result.errors);
}

/** Adds (no id) or edits a partnership with its sectors and regions. */
export async function savePartnershipCommand(db: Db, actor: Actor | null, input: Fields, now: number): Promise<CommandOutcome<{ id: string }>> {
	return runAdmin(db, actor, input, now, {
		type: 'register.partnership.save',
		parse: parseOr(Fields),
		run: async (tx, { id, values }) => saved(await savePartnership(tx, values, id || undefined))
	});
}

export async function saveRegionCommand(db: Db, actor: Actor | null, input: Fields, now: number): Promise<CommandOutcome<{ id: string }>> {
	return runAdmin(db, actor, input, now, {
		type: 'register.region.save',
		parse: parseOr(Fields),
		run: async (tx, { id, values }) => saved(await saveRegion(tx, values, id || undefined))
	});
}

export async function deletePartnershipCommand(db: Db, actor: Actor | null, input: { id: string }, now: number): Promise<CommandOutcome<null>> {
	return runAdmin(db, actor, input, now, {
		type: 'register.partnership.delete',
		parse: parseOr(IdOnly),
		run: async (tx, { id }) => ((await deletePartnership(tx, id)) ? { ok: true, result: null } : refuse('not-found'))
	});
}

/** A region someone chose is refused with how many chose it (see deleteRegion). */
export async function deleteRegionCommand(db: Db, actor: Actor | null, input: { id: string }, now: number): Promise<CommandOutcome<null>> {
	return runAdmin(db, actor, input, now, {
		type: 'register.region.delete',
		parse: parseOr(IdOnly),
		async run(tx, { id }) {
			const done = await deleteRegion(tx, id);
			if (done.ok) return { ok: true, result: null };
			if (done.reason === 'not-found') return refuse('not-found');
			return { ...refuse('region-in-use'), count: done.participants };
		}
	});
}

type Imported = Extract<ImportResult, { ok: true }>;

/** What an upload looks like to the import: a web `File` fits. */
export interface Upload {
	size: number;
	text(): Promise<string>;
}

/**
 * Imports a register CSV. A file over the limit is refused before it is read; the text is read before
 * the (synchronous) frame, which logs the import's summary, not the file.
 */
export async function importRegisterCommand(
	db: Db,
	actor: Actor | null,
	upload: Upload | null,
	now: number
): Promise<CommandOutcome<Imported>> {
	if (!isAdmin(actor)) return refuse('not-allowed');
	if (upload && upload.size > CSV_LIMITS.bytesMax) return refuse('csv-too-large');
	const text = upload && upload.size > 0 ? await upload.text() : '';
	return runAdmin(db, actor, { text }, now, {
		type: 'register.import',
		parse: (input) => {
			const text = (input as { text: string }).text;
			return text.trim() ? { ok: true, value: text } : refuse('csv-empty');
		},
		payload: (text) => ({ bytes: text.length }),
		async run(tx, text) {
			const result = await importRegisterCsv(tx, text);
			if (result.ok) return { ok: true, result };
			if (result.reason === 'csv-missing-columns') return { ...refuse(result.reason), columns: result.missing };
			return refuse(result.reason);
		},
		logged: ({ summary, errors }) => ({ summary, skipped: errors.length })
	});
}
