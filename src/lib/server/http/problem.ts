// JSON error bodies for /api/: a stable machine-readable `error` code plus a message in the user's language.
export function problem(status: number, error: string, message: string, extra: Record<string, unknown> = {}): Response {
	return new Response(JSON.stringify({ error, message, ...extra }), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8' }
	});
}

/** Reads a JSON body; null when it is absent or not JSON. */
export async function readJson(request: Request): Promise<unknown> {
	if (!request.headers.get('content-type')?.includes('application/json')) return null;
	try {
		return await request.json();
	} catch {
		return null;
	}
}
