import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { SEARCH_LIMIT, searchCards, searchFilters } from '$lib/server/search/search-cards';
import { errorMessage } from '$lib/i18n/errors';
import { m } from '$lib/paraglide/messages';

/** Key questions across the meetings this admin or facilitator may see; a GET form, so results can be linked. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const db = appDb();
	const values = {
		q: url.searchParams.get('q') ?? '',
		theme: url.searchParams.get('theme') ?? '',
		sector: url.searchParams.get('sector') ?? '',
		series: url.searchParams.get('series') ?? ''
	};
	const asked = Object.values(values).some((v) => v !== '') || url.searchParams.has('q');
	const filters = await searchFilters(db, locals.actor);
	if (!asked) return { values, filters, result: null, problem: null };
	const found = await searchCards(db, locals.actor, values);
	if (!found.ok) {
		if (found.reason === 'not-allowed') error(403, errorMessage('not-allowed'));
		return { values, filters, result: null, problem: m.i6s_search_too_long() };
	}
	return { values, filters, result: { hits: found.hits, truncated: found.truncated, limit: SEARCH_LIMIT }, problem: null };
};
