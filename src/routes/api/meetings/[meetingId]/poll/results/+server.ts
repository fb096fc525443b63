import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { getPollResults } from '$lib/server/polls/results';
import { SECTORS, type Sector } from '$lib/server/db/values';
import { problem } from '$lib/server/http/problem';
import { errorMessage } from '$lib/i18n/errors';
import { refuse } from '$lib/server/commands/refusals';
import { refusalResponse } from '$lib/server/http/json-door';

/** All results, revealed or not, for the meeting's facilitators: `?sector=po&region=<id>` filters. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!locals.actor) return refusalResponse(refuse('not-signed-in'));
	const sector = url.searchParams.get('sector');
	if (sector && !(SECTORS as readonly string[]).includes(sector)) {
		return problem(400, 'invalid', errorMessage('sector-required'));
	}
	const filter = {
		sector: (sector as Sector | null) ?? null,
		regionId: url.searchParams.get('region')
	};
	const outcome = await getPollResults(appDb(), locals.actor, params.meetingId, filter);
	if (!outcome.ok) {
		return refusalResponse(refuse(outcome.reason));
	}
	return json(outcome.results);
};
