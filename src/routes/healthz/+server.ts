import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { checkDatabase } from '$lib/server/ops/health';

/** Liveness plus a database round trip: 200 `{ status: 'ok' }`, or 503 with the reason. */
export const GET: RequestHandler = async () => {
	const database = await checkDatabase(appDb);
	const headers = { 'cache-control': 'no-store' };
	if (database.ok) return json({ status: 'ok', database: 'ok' }, { headers });
	return json({ status: 'error', database: 'unreachable', reason: database.reason }, { status: 503, headers });
};
