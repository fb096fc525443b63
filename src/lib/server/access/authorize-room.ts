import { parseRoomName } from '../../realtime/rooms.ts';
import type { Db } from '../db/client.ts';
import { validateSessionToken, type Actor, type SessionLifetime } from '../auth/session.ts';
import { loadRoomFacts, loadTableFacts } from './facts.ts';
import { canOpenRoom, type RoomFacts } from './policies.ts';
import { checkProjectorToken } from '../meetings/projector-token.ts';

export interface RoomIdentity {
	sessionId: string;
	userId: string | null;
	participantId: string | null;
	meetingId: string | null;
	presence: { name: string | null; kind: 'facilitator' | 'admin' | 'participant' | 'observer' };
}

/**
 * `roomMeetingId` is the meeting the ROOM belongs to (whoever opens it): the owner-per-meeting lease and
 * the proxy's `?meeting=` are checked against it (server/cluster-hub.ts).
 */
export type RoomAuthorization =
	| { ok: true; identity: RoomIdentity; roomMeetingId: string }
	| { ok: false; code: 4401 | 4403 };

/** The meeting a room belongs to, from the facts its check loaded. */
function meetingOfFacts(facts: RoomFacts): string {
	return facts.kind === 'table' ? facts.table.meeting.id : facts.meeting.id;
}

function presenceOf(actor: Actor): RoomIdentity['presence'] {
	if (actor.kind === 'user') return { name: actor.user.name, kind: actor.user.role };
	const p = actor.participant;
	// Anonymous meetings: presence carries no names.
	return { name: p.anonymousMeeting ? null : p.displayName, kind: 'participant' };
}

/** Decides a WebSocket upgrade: 4401 without a valid session, 4403 for a room this actor may not open. */
export async function authorizeRoom(
	db: Db,
	token: string | null,
	room: string,
	life: SessionLifetime,
	projectorToken: string | null = null
): Promise<RoomAuthorization> {
	const { session, actor } = token ? await validateSessionToken(db, token, life) : { session: null, actor: null };
	if (!session) return projectorToken ? await authorizeProjector(db, projectorToken, room) : { ok: false, code: 4401 };
	const name = parseRoomName(room);
	if (!name) return { ok: false, code: 4403 };
	const facts = await loadRoomFacts(db, name);
	if (!facts || !canOpenRoom(actor, name, facts)) return { ok: false, code: 4403 };
	return {
		ok: true,
		roomMeetingId: meetingOfFacts(facts),
		identity: {
			sessionId: session.id,
			userId: actor.kind === 'user' ? actor.user.id : null,
			participantId: actor.kind === 'participant' ? actor.participant.id : null,
			meetingId:
				actor.kind === 'participant'
					? actor.participant.meetingId
					: facts && 'meeting' in facts
						? facts.meeting.id
						: facts && facts.kind === 'table'
							? facts.table.meeting.id
							: null,
			presence: presenceOf(actor)
		}
	};
}

/**
 * A projector link opens, read-only, its meeting's public room and the boards of its tables (what the
 * room sees on the wall anyway), and nothing else: no facilitation data, no participant's own room.
 */
async function authorizeProjector(db: Db, projectorToken: string, room: string): Promise<RoomAuthorization> {
	const name = parseRoomName(room);
	const meetingId =
		name?.kind === 'meeting' ? name.id : name?.kind === 'table' ? ((await loadTableFacts(db, name.id))?.meeting.id ?? null) : null;
	if (!meetingId || !(await checkProjectorToken(db, meetingId, projectorToken))) return { ok: false, code: 4403 };
	return {
		ok: true,
		roomMeetingId: meetingId,
		identity: {
			sessionId: `projector:${meetingId}`,
			userId: null,
			participantId: null,
			meetingId,
			presence: { name: null, kind: 'observer' }
		}
	};
}
