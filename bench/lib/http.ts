// Commands over HTTP as a browser of a participant or facilitator sends them.
import http from 'node:http';

// node:http on kept-alive sockets rather than fetch: fetch's web streams cost the generator about as
// much CPU per request as the server spends, and the generator shares the machine's two cores.
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(body);
	});
}

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
			const res = await post(`${httpUrl}${path}`, { 'content-type': 'application/json', ...personHeaders(httpUrl, token) }, payload);
			const text = res.text;
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
