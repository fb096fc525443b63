import type { RequestHandler } from './$types';
import { config } from '$lib/server/config';
import { appDb } from '$lib/server/app';
import { secretsEqual } from '$lib/server/auth/tokens';
import { registeredHub } from '$lib/server/realtime-seam';

/** Prometheus text, only with `Authorization: Bearer <METRICS_TOKEN>`; without a token configured: 404. */
export const GET: RequestHandler = ({ request }) => {
	const token = config().metricsToken;
	if (!token) return new Response('Not found', { status: 404 });
	const given = request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
	if (!secretsEqual(given, token)) return new Response('Unauthorized', { status: 401 });
	const db = appDb().$client;
	const count = (table: string) => (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
	const stats = registeredHub()?.stats?.() ?? { rooms: 0, connections: 0 };
	const lines = [
		'# HELP denktafel_meetings Meetings in the database.',
		'# TYPE denktafel_meetings gauge',
		`denktafel_meetings ${count('meetings')}`,
		'# HELP denktafel_cards Cards in the database.',
		'# TYPE denktafel_cards gauge',
		`denktafel_cards ${count('cards')}`,
		'# HELP denktafel_hub_rooms Loaded realtime rooms.',
		'# TYPE denktafel_hub_rooms gauge',
		`denktafel_hub_rooms ${stats.rooms}`,
		'# HELP denktafel_hub_connections Open realtime connections.',
		'# TYPE denktafel_hub_connections gauge',
		`denktafel_hub_connections ${stats.connections}`
	];
	return new Response(lines.join('\n') + '\n', { headers: { 'content-type': 'text/plain; version=0.0.4' } });
};
