import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';

/** Liveness plus a real database round trip. */
export const GET: RequestHandler = () => {
	try {
		appDb().$client.prepare('select 1').get();
		return json({ status: 'ok', database: 'ok' });
	} catch {
		return json({ status: 'error', database: 'unreachable' }, { status: 503 });
	}
};
