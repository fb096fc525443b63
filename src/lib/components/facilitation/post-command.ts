import { m } from '$lib/paraglide/messages';
import { newCommandId } from '$lib/realtime/command-id';
import { meetingHeaders, meetingOfPath } from '$lib/realtime/meeting-route';

export type PostResult = { ok: true; result: unknown } | { ok: false; message: string };

/**
 * Sends one command to a command endpoint with a fresh command id. A refusal comes back as the
 * server's sentence (already in the user's language); a dropped connection as a network message.
 */
export async function postCommand(url: string, command: Record<string, unknown>): Promise<PostResult> {
	try {
		const res = await fetch(url, {
			method: 'POST',
			// The endpoint names its meeting (/api/meetings/<id>/…): the proxy routes on the header.
			headers: { 'content-type': 'application/json', ...meetingHeaders(meetingOfPath(url)) },
			body: JSON.stringify({ commandId: newCommandId(), ...command })
		});
		const body = (await res.json().catch(() => null)) as { message?: string; result?: unknown } | null;
		return res.ok ? { ok: true, result: body?.result } : { ok: false, message: body?.message ?? m.error_network() };
	} catch {
		return { ok: false, message: m.error_network() };
	}
}
