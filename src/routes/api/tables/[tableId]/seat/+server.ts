import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { chooseTable } from '$lib/server/boards/meeting-board-commands';
import { commandResponse } from '$lib/server/http/command-response';
import { problem, readJson } from '$lib/server/http/problem';
import { disconnectLive } from '$lib/server/realtime-seam';
import { roomName } from '$lib/realtime/rooms';
import { errorMessage } from '$lib/i18n/errors';

/** Command: the signed-in participant sits down at this table. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.actor) return problem(401, 'not-signed-in', errorMessage('not-signed-in'));
	const body = await readJson(request);
	if (body === null) return problem(400, 'invalid-json', errorMessage('invalid-json'));
	const result = chooseTable(appDb(), locals.actor, params.tableId, body, Date.now());
	if (result.ok && !result.replayed && result.result.from && result.result.from !== result.result.to) {
		// Sockets follow permissions: the old table's board is no longer theirs.
		disconnectLive({ participantId: result.result.participantId, room: roomName('table', result.result.from) });
	}
	return commandResponse(result, (move) => ({ tableId: move.to }));
};
