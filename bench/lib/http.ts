// Commands over HTTP as a browser of a participant or facilitator sends them.

/** Session cookie and Origin, as a browser of this person sends them. */
export function personHeaders(httpUrl: string, token: string): Record<string, string> {
	return { cookie: `denktafel_session=${token}`, origin: httpUrl };
}

/**
 * A JSON command over HTTP with a fresh command id; resolves to the status and the parsed body.
 * A request the connection dropped (a reused keep-alive socket the server had just closed, a reset
 * under load) is sent again with the same command id, as the app's own client does: applied once.
 */
export async function command(httpUrl: string, path: string, token: string, body: Record<string, unknown>, tries = 4) {
	const payload = JSON.stringify({ commandId: crypto.randomUUID(), ...body });
	for (let attempt = 1; ; attempt++) {
		try {
			const res = await fetch(`${httpUrl}${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...personHeaders(httpUrl, token) },
				body: payload
			});
			const text = await res.text();
			let json: unknown = null;
			try {
				json = JSON.parse(text);
			} catch {
				// not JSON (an error page)
			}
			return { status: res.status, json, attempts: attempt };
		} catch (error) {
			if (attempt >= tries) throw error;
			await new Promise((r) => setTimeout(r, 50 * attempt));
		}
	}
}
