import type { Actions, PageServerLoad } from './$types';
import { error, fail } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { isAdmin } from '$lib/server/access/policies';
import { listPartnerships } from '$lib/server/register/partnerships';
import {
	deletePartnership,
	deleteRegion,
	listRegions,
	savePartnership,
	saveRegion
} from '$lib/server/register/manage-register';
import { importRegisterCsv } from '$lib/server/register/import-register';
import { CSV_LIMITS } from '$lib/server/csv/parse-csv';
import { errorMessage, fieldMessages } from '$lib/i18n/errors';
import { m } from '$lib/paraglide/messages';

function requireAdmin(actor: App.Locals['actor']): void {
	if (!isAdmin(actor)) error(403, errorMessage('not-allowed'));
}

export const load: PageServerLoad = ({ locals, url }) => {
	requireAdmin(locals.actor);
	const db = appDb();
	const q = (url.searchParams.get('q') ?? '').trim();
	const needle = q.toLowerCase();
	const all = listPartnerships(db);
	const editId = url.searchParams.get('edit');
	const editing = editId ? (all.find((p) => p.id === editId) ?? null) : null;
	const regionList = listRegions(db);
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

export const actions: Actions = {
	savePartnership: async ({ locals, request }) => {
		requireAdmin(locals.actor);
		const form = await request.formData();
		const id = String(form.get('id') ?? '') || undefined;
		const values = {
			name: String(form.get('name') ?? ''),
			sectors: form.getAll('sectors').map(String),
			regionIds: form.getAll('regionIds').map(String)
		};
		const result = savePartnership(appDb(), values, id);
		if (!result.ok) {
			if (result.reason === 'not-found')
				return fail(404, {
					partnership: { values, id, errors: {}, error: errorMessage('not-found') }
				});
			return fail(400, {
				partnership: { values, id, errors: fieldMessages(result.errors), error: null }
			});
		}
		return { saved: { kind: 'partnership' as const, name: values.name.trim(), edited: !!id } };
	},

	deletePartnership: async ({ locals, request }) => {
		requireAdmin(locals.actor);
		const form = await request.formData();
		const name = String(form.get('name') ?? '');
		if (!deletePartnership(appDb(), String(form.get('id') ?? ''))) {
			return fail(404, { deleteError: errorMessage('not-found') });
		}
		return { deleted: { name } };
	},

	saveRegion: async ({ locals, request }) => {
		requireAdmin(locals.actor);
		const form = await request.formData();
		const id = String(form.get('id') ?? '') || undefined;
		const values = { name: String(form.get('name') ?? '') };
		const result = saveRegion(appDb(), values, id);
		if (!result.ok) {
			if (result.reason === 'not-found')
				return fail(404, { region: { values, id, errors: {}, error: errorMessage('not-found') } });
			return fail(400, {
				region: { values, id, errors: fieldMessages(result.errors), error: null }
			});
		}
		return { saved: { kind: 'region' as const, name: values.name.trim(), edited: !!id } };
	},

	deleteRegion: async ({ locals, request }) => {
		requireAdmin(locals.actor);
		const form = await request.formData();
		const name = String(form.get('name') ?? '');
		const result = deleteRegion(appDb(), String(form.get('id') ?? ''));
		if (!result.ok) {
			if (result.reason === 'not-found')
				return fail(404, { deleteError: errorMessage('not-found') });
			return fail(409, {
				deleteError: m.register_error_region_in_use({ count: result.participants })
			});
		}
		return { deleted: { name } };
	},

	import: async ({ locals, request }) => {
		requireAdmin(locals.actor);
		const form = await request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { import: { error: errorMessage('csv-empty') } });
		if (file.size > CSV_LIMITS.bytesMax)
			return fail(413, { import: { error: errorMessage('csv-too-large') } });
		const result = importRegisterCsv(appDb(), await file.text());
		if (!result.ok) {
			const message =
				result.reason === 'csv-missing-columns'
					? m.register_csv_missing_columns({ columns: result.missing.join(', ') })
					: errorMessage(result.reason);
			return fail(400, { import: { error: message } });
		}
		return {
			imported: {
				summary: result.summary,
				errors: result.errors.map((e) => ({
					line: e.line,
					label: e.label,
					message: errorMessage(e.code)
				}))
			}
		};
	}
};
