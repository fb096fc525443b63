import type { RequestHandler } from './$types';
import { config } from '$lib/server/config';
import { appDb } from '$lib/server/app';
import { secretsEqual } from '$lib/server/auth/tokens';
import { databaseCounts } from '$lib/server/ops/db-counts';
import { hubStats } from '$lib/server/ops/hub-stats';
import { renderPrometheus } from '$lib/server/ops/prometheus';

/** Prometheus text, only with `Authorization: Bearer <METRICS_TOKEN>`; without a token configured: 404. */
export const GET: RequestHandler = async ({ request }) => {
	const token = config().metricsToken;
	if (!token) return new Response('Not found', { status: 404 });
	const given = request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
	if (!secretsEqual(given, token)) return new Response('Unauthorized', { status: 401 });
	const counts = await databaseCounts(appDb());
	const stats = hubStats();
	const body = renderPrometheus({
		denktafel_meetings: { help: 'Meetings in the database.', value: counts.meetings },
		denktafel_cards: { help: 'Cards in the database.', value: counts.cards },
		denktafel_hub_rooms: { help: 'Loaded realtime rooms.', value: stats.rooms },
		denktafel_hub_connections: { help: 'Open realtime connections.', value: stats.connections }
	});
	return new Response(body, { headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' } });
};
