import { transaction } from '../../src/lib/server/db/transaction.ts';
// Meetings, tables and participants for a scenario, made through the app's own domain functions
// (the same ones the pages and endpoints call), so every rule applies: no SQL written here.
// The HTTP join is rate limited per IP and every simulated person shares one IP, so people join
// through the domain's join function and sign in with a real session token.
import type { Db } from '../../src/lib/server/db/client.ts';
import { createUser } from '../../src/lib/server/users/users.ts';
import { createMeeting } from '../../src/lib/server/meetings/create-meeting.ts';
import { changeMeetingStatus } from '../../src/lib/server/meetings/change-status.ts';
import { saveTable } from '../../src/lib/server/meetings/manage-tables.ts';
import { seedDemoRegister } from '../../src/lib/server/demo/seed-demo.ts';
import { newId } from '../../src/lib/server/ids.ts';
import { createSession } from '../../src/lib/server/auth/session.ts';
import { joinAs, LIFE, signIn } from '../../tests/helpers/fixtures.ts';

export interface SeededPerson {
	token: string;
	tableId: string;
}

export interface SeededMeeting {
	meetingId: string;
	joinCode: string;
	tableIds: string[];
	facilitator: string;
	people: SeededPerson[];
}

/** An open meeting of `tables` tables and `people` participants, seated evenly by the join itself. */
export async function seedMeeting(db: Db, opts: { title: string; tables: number; people: number }): Promise<SeededMeeting> {
	await seedDemoRegister(db);
	const userId = await createUser(db, {
		email: `bench-${newId()}@example.nl`,
		name: 'Bente Bench',
		role: 'facilitator',
		password: 'correct horse battery'
	});
	const { token: facilitator, actor } = await signIn(db, { userId });
	const made = await createMeeting(db, { title: opts.title, tableName: 'Tafel 1' }, userId);
	const now = Date.now();
	const tableIds = [made.tableId];
	for (let i = 2; i <= opts.tables; i++) {
		const saved = await saveTable(db, actor, made.meetingId, null, { name: `Tafel ${i}` }, now);
		if (!saved.ok) throw new Error(`table ${i}: ${saved.reason}`);
		tableIds.push(saved.tableId);
	}
	const opened = await changeMeetingStatus(db, actor, made.meetingId, { commandId: crypto.randomUUID(), action: 'open' }, now);
	if (!opened.ok) throw new Error(`open meeting: ${opened.reason}`);
	const people: SeededPerson[] = [];
	// One outer transaction (each join nests as a savepoint): the same rules, far fewer commits.
	await transaction(db, async () => {
		for (let i = 0; i < opts.people; i++) {
			const joined = await joinAs(db, made.joinCode, `Deelnemer ${i + 1}`);
			if (!joined.tableId) throw new Error('joined without a table');
			people.push({ token: (await createSession(db, { participantId: joined.participantId }, LIFE)).token, tableId: joined.tableId });
		}
	});
	return { meetingId: made.meetingId, joinCode: made.joinCode, tableIds, facilitator, people };
}
