import { json } from '@sveltejs/kit';
import type { Actor } from '$lib/server/auth/session';
import { refuse } from '$lib/server/commands/refusals';
import { problem } from './problem';
import { refusalBody, replyBody, type Reply } from './command-reply';
import { JSON_BODY_MAX } from './body-limit';

// The JSON endpoint adapter: every state-changing /api/ route is `jsonCommand(event, run)`. It reads
// the body, hands it to the command (which runs through the one frame) and answers with the status the
// refusal table gives, so an endpoint and a form action refuse alike.

export { JSON_BODY_MAX };

type Body = { ok: true; value: unknown } | { ok: false; response: Response };

/**
 * The JSON body, or the refusal to send instead: 413 when larger than the limit, 400 when it is not
 * JSON. The media type is matched exactly (`application/jsonp` is not JSON), parameters allowed.
 */
export async function readJsonBody(request: Request, max = JSON_BODY_MAX): Promise<Body> {
	const type = request.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
	const declared = Number(request.headers.get('content-length') ?? '0');
	const early = type !== 'application/json' ? refuse('invalid-json') : declared > max ? refuse('too-large') : null;
	if (early) {
		// Drained, not parsed: an unread body would hold the client's connection (and cancelling it resets
		// the connection before the answer arrives). The server's own body limit bounds what is drained.
		await request.arrayBuffer().catch(() => undefined);
		return { ok: false, response: refusalResponse(early) };
	}
	const text = await request.text();
	if (new TextEncoder().encode(text).byteLength > max) {
		return { ok: false, response: refusalResponse(refuse('too-large')) };
	}
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false, response: refusalResponse(refuse('invalid-json')) };
	}
}

export function refusalResponse(refusal: Parameters<typeof refusalBody>[0]): Response {
	const { status, body, retryAfter } = refusalBody(refusal);
	const { error, message, ...extra } = body as { error: string; message: string };
	const response = problem(status, error, message, extra);
	if (retryAfter !== undefined) response.headers.set('retry-after', String(retryAfter));
	return response;
}

/** A reply as HTTP: 201 for a new resource (`created`), 200 otherwise and for every replay. */
export function replyResponse(reply: Reply, options: { created?: boolean } = {}): Response {
	if (!reply.ok) return refusalResponse(reply);
	const { status, body } = replyBody(reply, options);
	return json(body, { status });
}

/** One command from a JSON endpoint: signed in, a JSON body, the command, the answer. */
export async function jsonCommand(
	event: { locals: App.Locals; request: Request },
	run: (actor: Actor, input: unknown, now: number) => Promise<Reply>,
	options: { created?: boolean } = {}
): Promise<Response> {
	const actor = event.locals.actor;
	if (!actor) return refusalResponse(refuse('not-signed-in'));
	const body = await readJsonBody(event.request);
	if (!body.ok) return body.response;
	return replyResponse(await run(actor, body.value, Date.now()), options);
}
