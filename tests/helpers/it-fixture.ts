import { facilitatorWithMeeting, joinAs, signIn } from './fixtures.ts';
import { closeTestDatabase, migrateTestDatabase, openTestDatabase } from './test-db.ts';

/**
 * Two meetings in a real SQLite file, made with the domain functions: meeting A (facilitator, two
 * participants at table A) and meeting B (one participant at table B). Returns ids and cookie tokens.
 */
export async function seedTwoMeetings(dbPath: string) {
	const db = openTestDatabase(dbPath);
	migrateTestDatabase(db);
	const a = await facilitatorWithMeeting(db, { title: 'Sessie A' });
	const b = await facilitatorWithMeeting(db, { title: 'Sessie B' });
	const anna = await joinAs(db, a.joinCode, 'Anna');
	const bram = await joinAs(db, a.joinCode, 'Bram');
	const carla = await joinAs(db, b.joinCode, 'Carla');
	const result = {
		meetingA: a.meetingId,
		tableA: a.tableId,
		tableB: b.tableId,
		facilitator: (await signIn(db, { userId: a.userId })).token,
		anna: { id: anna.participantId, token: (await signIn(db, { participantId: anna.participantId })).token },
		bram: { id: bram.participantId, token: (await signIn(db, { participantId: bram.participantId })).token },
		carla: { id: carla.participantId, token: (await signIn(db, { participantId: carla.participantId })).token }
	};
	await closeTestDatabase(db);
	return result;
}

let counter = 0;
/** A fresh client-made command id. */
export function commandId(): string {
	return `it-${process.pid}-${Date.now()}-${++counter}`;
}

export async function postCard(base: string, tableId: string, token: string | null, body: unknown, origin = base) {
	const res = await fetch(`${base}/api/tables/${tableId}/cards`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			origin,
			...(token ? { cookie: `denktafel_session=${token}` } : {})
		},
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
	return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

/** POSTs a JSON command (a fresh command id added) as the owner of `token`, as a browser would. */
export async function postCommand(base: string, path: string, token: string, body: Record<string, unknown>) {
	const res = await fetch(`${base}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: base, cookie: `denktafel_session=${token}` },
		body: JSON.stringify({ commandId: commandId(), ...body })
	});
	return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}
