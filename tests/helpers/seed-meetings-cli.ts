// Seeds meetings into the database DATABASE_URL names and prints them as JSON: for tests that run in
// the SQLite project but start their own PostgreSQL (a process loads one dialect's tables, chosen from
// DATABASE_URL at start, so the seeding runs in a process of its own).
// Usage: node seed-meetings-cli.ts [--people=N] <title>… (N participants per meeting, 3 unless given).
import { facilitatorWithMeeting, joinAs, signIn } from './fixtures.ts';
import { closeTestDatabase, openTestDatabase } from './test-db.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set');
const db = openTestDatabase(url);
const args = process.argv.slice(2);
const count = Number(args.find((arg) => arg.startsWith('--people='))?.slice('--people='.length) ?? 3);
const names = Array.from({ length: count }, (_, i) => ['Anna', 'Bram', 'Carla'][i] ?? `Deelnemer ${i + 1}`);
const meetings = [];
for (const title of args.filter((arg) => !arg.startsWith('--'))) {
	const m = await facilitatorWithMeeting(db, { title });
	const people = [];
	for (const name of names) {
		const { participantId } = await joinAs(db, m.joinCode, name);
		people.push({ id: participantId, token: (await signIn(db, { participantId })).token });
	}
	meetings.push({ id: m.meetingId, tableId: m.tableId, facilitator: (await signIn(db, { userId: m.userId })).token, people });
}
await closeTestDatabase(db);
process.stdout.write(JSON.stringify(meetings));
