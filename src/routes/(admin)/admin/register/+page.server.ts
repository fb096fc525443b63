import type { Actions, PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { isAdmin } from '$lib/server/access/policies';
import { listPartnerships } from '$lib/server/register/partnerships';
import { listRegions } from '$lib/server/register/manage-register';
import {
	deletePartnershipCommand,
	deleteRegionCommand,
	importRegisterCommand,
	savePartnershipCommand,
	saveRegionCommand
} from '$lib/server/register/register-commands';
import { formRefusal } from '$lib/server/http/form-door';
import type { RefusalText } from '$lib/server/http/command-reply';
import { errorMessage } from '$lib/i18n/errors';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!isAdmin(locals.actor)) error(403, errorMessage('not-allowed'));
	const db = appDb();
	const q = (url.searchParams.get('q') ?? '').trim();
	const needle = q.toLowerCase();
	const all = await listPartnerships(db);
	const editId = url.searchParams.get('edit');
	const editing = editId ? (all.find((p) => p.id === editId) ?? null) : null;
	const regionList = await listRegions(db);
	return {
		q,
		total: all.length,
		partnerships: needle
			? all.filter((p) => [p.name, ...p.regions].some((t) => t.toLowerCase().includes(needle)))
			: all,
		regions: regionList,
		editing: editing && {
			id: editing.id,
			name: editing.name,
			sectors: editing.sectors,
			regionIds: regionList.filter((r) => editing.regions.includes(r.name)).map((r) => r.id)
		}
	};
};

// Every action is an admin command through the frame (register/register-commands.ts): it refuses
// with the one refusal table's status and logs each change.
export const actions: Actions = {
	savePartnership: async ({ locals, request }) => {
		const form = await request.formData();
		const id = String(form.get('id') ?? '') || undefined;
		const values = {
			name: String(form.get('name') ?? ''),
			sectors: form.getAll('sectors').map(String),
			regionIds: form.getAll('regionIds').map(String)
		};
		const done = await savePartnershipCommand(appDb(), locals.actor, { id, values }, Date.now());
		if (!done.ok) return formRefusal(done, (_r, t) => ({ partnership: { values, id, ...echo(t) } }));
		return { saved: { kind: 'partnership' as const, name: values.name.trim(), edited: !!id } };
	},

	deletePartnership: async ({ locals, request }) => {
		const form = await request.formData();
		const done = await deletePartnershipCommand(appDb(), locals.actor, idOf(form), Date.now());
		if (!done.ok) return formRefusal(done, (_r, t) => ({ deleteError: t.message }));
		return { deleted: { name: String(form.get('name') ?? '') } };
	},

	saveRegion: async ({ locals, request }) => {
		const form = await request.formData();
		const id = String(form.get('id') ?? '') || undefined;
		const values = { name: String(form.get('name') ?? '') };
		const done = await saveRegionCommand(appDb(), locals.actor, { id, values }, Date.now());
		if (!done.ok) return formRefusal(done, (_r, t) => ({ region: { values, id, ...echo(t) } }));
		return { saved: { kind: 'region' as const, name: values.name.trim(), edited: !!id } };
	},

	deleteRegion: async ({ locals, request }) => {
		const form = await request.formData();
		const done = await deleteRegionCommand(appDb(), locals.actor, idOf(form), Date.now());
		if (!done.ok) return formRefusal(done, (_r, t) => ({ deleteError: t.message }));
		return { deleted: { name: String(form.get('name') ?? '') } };
	},

	import: async ({ locals, request }) => {
		const file = (await request.formData()).get('file');
		const upload = file instanceof File ? file : null;
		const done = await importRegisterCommand(appDb(), locals.actor, upload, Date.now());
		if (!done.ok) return formRefusal(done, (_r, t) => ({ import: { error: t.message } }));
		const { summary, errors } = done.result;
		const rows = errors.map((e) => ({ line: e.line, label: e.label, message: errorMessage(e.code) }));
		return { imported: { summary, errors: rows } };
	}
};

const idOf = (form: FormData) => ({ id: String(form.get('id') ?? '') });

/** Field sentences for an invalid form, one sentence for any other refusal. */
const echo = (t: RefusalText) =>
	Object.keys(t.errors).length > 0 ? { errors: t.errors, error: null } : { errors: {}, error: t.message };
