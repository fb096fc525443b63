import { transaction } from '../../../src/lib/server/db/transaction.ts';
import type { Db } from '../../../src/lib/server/db/client.ts';
import { eq } from 'drizzle-orm';
import { meetings, reportExports } from '../../../src/lib/server/db/schema.ts';
import { createUser } from '../../../src/lib/server/users/users.ts';
import { createMeeting } from '../../../src/lib/server/meetings/create-meeting.ts';
import { issueProjectorToken } from '../../../src/lib/server/meetings/projector-token.ts';
import { addQuestion } from '../../../src/lib/server/polls/add-question.ts';
import { saveSeries } from '../../../src/lib/server/series/manage-series.ts';
import { uploadInvitations } from '../../../src/lib/server/invitations/upload-invitations.ts';
import { newId } from '../../../src/lib/server/ids.ts';
import { addCoFacilitator, joinAs, setMeetingStatus, signIn, LIFE } from '../../helpers/fixtures.ts';
import { createSession } from '../../../src/lib/server/auth/session.ts';
import { seedDemoRegister } from '../../../src/lib/server/demo/seed-demo.ts';

export const ROLES = [
	'anonymous',
	'participant',
	'otherParticipant',
	'projector',
	'facilitator',
	'coFacilitator',
	'otherFacilitator',
	'admin'
] as const;
export type Role = (typeof ROLES)[number];

export interface People {
	admin: string;
	facilitator: string;
	coFacilitator: string;
	otherFacilitator: string;
	otherParticipant: string;
	otherMeeting: string;
	otherTable: string;
}

/** The accounts, and meeting B with its participant: made once per test file (argon2 is slow). */
export async function seedPeople(db: Db): Promise<People> {
	await seedDemoRegister(db);
	const user = (role: 'admin' | 'facilitator', name: string) =>
		createUser(db, { email: `${name}-${newId()}@matrix.test`, name, role, password: 'correct horse battery' });
	const [admin, facilitator, coFacilitator, otherFacilitator] = [
		await user('admin', 'Ada'),
		await user('facilitator', 'Fien'),
		await user('facilitator', 'Cas'),
		await user('facilitator', 'Olga')
	];
	const b = await createMeeting(db, { title: 'Sessie B', tableName: 'Tafel B' }, otherFacilitator);
	await setMeetingStatus(db, b.meetingId, 'open');
	const carla = await joinAs(db, b.joinCode, 'Carla');
	return {
		admin,
		facilitator,
		coFacilitator,
		otherFacilitator,
		otherParticipant: carla.participantId,
		otherMeeting: b.meetingId,
		otherTable: b.tableId
	};
}

/** The ids a row's path may name: `{meeting}`, `{table}`, `{question}`, … */
export type Ids = { sessions: Partial<Record<Role, string>> } & Record<'meeting' | 'table' | 'participant' | 'question' | 'series' | 'export' | 'invite' | 'code' | 'projectorToken', string> &
	Record<'otherMeeting' | 'otherTable', string>;

/**
 * A fresh meeting A for one row (a row's allowed requests may change it): owned by the facilitator,
 * co-facilitated, open, one table with participant P seated, a poll question, a series, a personal
 * invitation, a stored report download and a projector link.
 */
export function freshMeeting(db: Db, people: People): Promise<Ids> {
	// One transaction for all of it (the domain's own become savepoints): a commit costs milliseconds.
	return transaction(db, () => makeMeeting(db, people));
}

async function makeMeeting(db: Db, people: People): Promise<Ids> {
	const a = await createMeeting(db, { title: 'Sessie A', tableName: 'Tafel A' }, people.facilitator);
	await addCoFacilitator(db, a.meetingId, people.coFacilitator);
	await setMeetingStatus(db, a.meetingId, 'open');
	const pieter = await joinAs(db, a.joinCode, 'Pieter');
	// Seated on joining, then free to choose another table (the ?/choose row of the matrix).
	await db.update(meetings).set({ participantsChooseTable: true }).where(eq(meetings.id, a.meetingId));
	const owner = (await signIn(db, { userId: people.facilitator })).actor;
	const question = await addQuestion(db, owner, a.meetingId, {
		commandId: newId(),
		key: 'positie',
		type: 'single',
		prompt: 'Waar staat jullie partnerschap?',
		options: [
			{ id: 'kern', label: 'In de kern' },
			{ id: 'rand', label: 'Aan de rand' }
		]
	}, Date.now());
	if (!question.ok) throw new Error(`question: ${JSON.stringify(question)}`);
	const series = await saveSeries(db, owner, null, { title: 'Reeks A', description: '' });
	if (!series.ok) throw new Error('series');
	const invited = await uploadInvitations(db, a.meetingId, 'naam,email\nIris,iris@matrix.test\n');
	if (!invited.ok) throw new Error('invitations');
	const exportId = newId();
	await db.insert(reportExports)
		.values({ id: exportId, meetingId: a.meetingId, userId: people.facilitator, userName: 'Fien', format: 'md', fileName: 'verslag.md', final: false, bytes: Buffer.from('# Verslag'), createdAt: Date.now() });
	const projector = await issueProjectorToken(db, owner, a.meetingId, Date.now());
	if (!projector.ok) throw new Error('projector');
	const ids: Ids = {
		sessions: {},
		meeting: a.meetingId,
		table: a.tableId,
		participant: pieter.participantId,
		question: question.value.question.id,
		series: series.seriesId,
		export: exportId,
		invite: invited.created[0].token,
		code: a.joinCode,
		projectorToken: projector.token,
		otherMeeting: people.otherMeeting,
		otherTable: people.otherTable
	};
	for (const role of ROLES) {
		const token = await newSession(db, role, people, ids);
		if (token) ids.sessions[role] = token;
	}
	return ids;
}

/** A new login for this role in this world (a row that logs out gets a new world). */
async function newSession(db: Db, role: Role, people: People, ids: Ids): Promise<string | null> {
	const owner = (() => {
		switch (role) {
			case 'anonymous':
			case 'projector':
				return null;
			case 'participant':
				return { participantId: ids.participant };
			case 'otherParticipant':
				return { participantId: people.otherParticipant };
			default:
				return { userId: people[role] };
		}
	})();
	return owner ? (await createSession(db, owner, LIFE)).token : null;
}
