import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { checkDatabase } from '$lib/server/ops/health';
import { nodeName } from '$lib/server/ops/node-name';

/**
 * Liveness plus a database round trip: 200 `{ status: 'ok' }`, or 503 with the reason. `node` names the
 * process that answered (DENKTAFEL_NODE_NAME), so behind a proxy one can see where a request went.
 */
export const GET: RequestHandler = async () => {
	const database = await checkDatabase(appDb);
	const headers = { 'cache-control': 'no-store' };
	const node = nodeName();
	if (database.ok) return json({ status: 'ok', database: 'ok', node }, { headers });
	return json({ status: 'error', database: 'unreachable', reason: database.reason, node }, { status: 503, headers });
};
