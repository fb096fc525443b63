// Seeds seedTwoMeetings (it-fixture.ts) into a PostgreSQL database from a process of its own, for tests
// that run in the SQLite project yet start their own PostgreSQL: a process picks its tables once, from
// DATABASE_URL when it starts (db/dialect.ts), so the seeding runs where DATABASE_URL is that database.
// Usage: DATABASE_URL=<url> node tests/helpers/seed-two-meetings.ts  → the fixture as one JSON line.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

type Fixture = Awaited<ReturnType<typeof import('./it-fixture.ts').seedTwoMeetings>>;

/** Runs this file as a child with DATABASE_URL=url and returns what it seeded. */
export function seedTwoMeetingsOnPostgres(url: string): Promise<Fixture> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
			env: { ...process.env, DATABASE_URL: url },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		child.once('error', reject);
		child.once('exit', (code) => {
			if (code === 0) resolve(JSON.parse(out) as Fixture);
			else reject(new Error(`seeding exited with ${code}:\n${err}`));
		});
	});
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const { seedTwoMeetings } = await import('./it-fixture.ts');
	const url = process.env.DATABASE_URL;
	if (!url?.startsWith('postgres')) throw new Error('DATABASE_URL must be a postgres:// URL');
	process.stdout.write(`${JSON.stringify(await seedTwoMeetings(url))}\n`);
}
