import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { preparedQuery } from '../db/prepared.ts';
import { meetings, participants, sessions, users, type Role, type Sector } from '../db/schema.ts';
import { generateSessionToken, sessionIdFromToken } from './tokens.ts';

const DAY = 24 * 60 * 60 * 1000;

export interface Session {
	id: string;
	expiresAt: number;
}

export interface AuthUser {
	id: string;
	email: string;
	name: string;
	role: Role;
	mustChangePassword: boolean;
}

export interface AuthParticipant {
	id: string;
	meetingId: string;
	tableId: string | null;
	displayName: string;
	sector: Sector | null;
	anonymousMeeting: boolean;
}

export type Actor = { kind: 'user'; user: AuthUser } | { kind: 'participant'; participant: AuthParticipant };

/** Either fully signed in or not at all: never half. */
export type SessionValidation = { session: Session; actor: Actor } | { session: null; actor: null };

export type SessionOwner = { userId: string } | { participantId: string };

export interface SessionLifetime {
	/** Total lifetime of a fresh or renewed session. */
	days: number;
	now: number;
}

export async function createSession(db: Db, owner: SessionOwner, life: SessionLifetime): Promise<{ token: string; session: Session }> {
	const token = generateSessionToken();
	const session: Session = { id: sessionIdFromToken(token), expiresAt: life.now + life.days * DAY };
	await db.insert(sessions)
		.values({
			id: session.id,
			userId: 'userId' in owner ? owner.userId : null,
			participantId: 'participantId' in owner ? owner.participantId : null,
			expiresAt: session.expiresAt
		});
	return { token, session };
}

/**
 * Looks the token up by its hash; expired sessions and disabled accounts are refused (and expired rows
 * removed). Sliding expiry: a session used in the second half of its life is extended to a full term.
 */
export async function validateSessionToken(db: Db, token: string, life: SessionLifetime): Promise<SessionValidation> {
	if (!/^[a-z2-7]{32}$/.test(token)) return { session: null, actor: null };
	return validateSession(db, sessionIdFromToken(token), life);
}

/**
 * The same check by the session's id (the hash of its token), for a connection that proved the token
 * when it opened: each command on a room socket checks again that the session still holds.
 */
export async function validateSession(db: Db, id: string, life: SessionLifetime): Promise<SessionValidation> {
	const row = await lookUpSession(db, id);
	if (!row) return { session: null, actor: null };
	if (life.now >= row.expiresAt) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return { session: null, actor: null };
	}
	let actor: Actor;
	if (row.user) {
		if (row.user.disabled) return { session: null, actor: null };
		const { id: userId, email, name, role, mustChangePassword } = row.user;
		actor = { kind: 'user', user: { id: userId, email, name, role, mustChangePassword } };
	} else if (row.participant) {
		const p = row.participant;
		actor = {
			kind: 'participant',
			participant: {
				id: p.id,
				meetingId: p.meetingId,
				tableId: p.tableId,
				displayName: p.displayName,
				sector: p.sector,
				anonymousMeeting: row.anonymous ?? false
			}
		};
	} else {
		return { session: null, actor: null };
	}
	let expiresAt = row.expiresAt;
	const term = life.days * DAY;
	if (expiresAt - life.now < term / 2) {
		expiresAt = life.now + term;
		await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
	}
	return { session: { id, expiresAt }, actor };
}

// Every request runs this, so it is three primary-key lookups, each prepared once (see
// preparedQuery), rather than one join: SQLite prepares a join on a bound parameter anew at every
// run, which made this lookup ten times slower.
const sessionById = preparedQuery((db) =>
	db
		.select({ expiresAt: sessions.expiresAt, userId: sessions.userId, participantId: sessions.participantId })
		.from(sessions)
		.where(eq(sessions.id, sql.placeholder('id')))
		.prepare()
);
const userById = preparedQuery((db) => db.select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare());
const participantById = preparedQuery((db) =>
	db.select().from(participants).where(eq(participants.id, sql.placeholder('id'))).prepare()
);
const meetingAnonymity = preparedQuery((db) =>
	db.select({ anonymous: meetings.anonymous }).from(meetings).where(eq(meetings.id, sql.placeholder('id'))).prepare()
);

async function lookUpSession(db: Db, id: string) {
	const session = (await sessionById(db).execute({ id }))[0];
	if (!session) return undefined;
	const user = session.userId === null ? null : ((await userById(db).execute({ id: session.userId }))[0] ?? null);
	const participant =
		session.participantId === null ? null : ((await participantById(db).execute({ id: session.participantId }))[0] ?? null);
	const anonymous = participant ? ((await meetingAnonymity(db).execute({ id: participant.meetingId }))[0]?.anonymous ?? null) : null;
	return { expiresAt: session.expiresAt, user, participant, anonymous };
}
export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateUserSessions(db: Db, userId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.userId, userId));
}
