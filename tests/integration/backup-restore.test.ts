import { sqliteHandle } from '../../src/lib/server/db/client.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { commandId, postCard, seedTwoMeetings } from '../helpers/it-fixture.ts';
import { connectProvider, waitFor, type TestProvider } from '../helpers/yjs-client.ts';
import { integrity, readDb } from '../helpers/doc-truth.ts';
import { closeTestDatabase } from '../helpers/test-db.ts';

// `npm run backup` while the app runs and writes, `npm run restore` with the app stopped, and the app
// started on the restored file: the data reads back over HTTP and in a room, and a screen that was
// open all along drops what the backup does not hold.

let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let f: Awaited<ReturnType<typeof seedTwoMeetings>>;
const open: TestProvider[] = [];

function npmRun(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
	return new Promise((resolve) => {
		const child = spawn('npm', ['run', '--silent', script, '--', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('exit', (code) => resolve({ code, out }));
	});
}

async function cardTexts(): Promise<string[]> {
	const res = await fetch(`${app.url}/api/tables/${f.tableA}/cards`, { headers: { cookie: `denktafel_session=${f.anna.token}` } });
	expect(res.status).toBe(200);
	return ((await res.json()) as { cards: Array<{ text: string }> }).cards.map((c) => c.text).sort();
}

const add = async (text: string) =>
	expect((await postCard(app.url, f.tableA, f.anna.token, { commandId: commandId(), text })).status).toBe(201);

beforeAll(async () => {
	data = tempDataDir();
	f = await seedTwoMeetings(data.dbPath);
	app = await startApp(data.dbPath);
});

afterAll(async () => {
	for (const p of open) p.destroy();
	await app?.stop();
	data?.remove();
});

describe('backup and restore', () => {
	it('backs up while the app writes; a restore brings that state back, also to a screen that stayed open', async () => {
		const env = { DATABASE_PATH: data.dbPath, PORT: String(app.port), HOST: '127.0.0.1' };
		const screen = connectProvider(app.wsUrl, `table:${f.tableA}`, { token: f.bram.token, origin: app.url });
		open.push(screen);
		await waitFor(() => screen.provider.synced, 5000, 'sync');
		for (const text of ['Wie betaalt de opleiding?', 'Wie houdt de regie?']) await add(text);

		// Writes keep coming while the backup runs.
		let writing = true;
		let during = 0;
		const traffic = (async () => {
			while (writing) {
				await add(`Tijdens de back-up ${++during}`);
			}
		})();
		const file = join(data.dir, 'backup.db');
		const backup = await npmRun('backup', [file], env);
		writing = false;
		await traffic;
		expect(backup.out).toMatch(/integrity ok/);
		expect(backup.code).toBe(0);
		expect(during).toBeGreaterThan(0);
		const copy = readDb(file);
		expect(integrity(copy)).toBe('ok');
		const inBackup = (sqliteHandle(copy).prepare('SELECT text FROM cards WHERE table_id = ?').all(f.tableA) as Array<{ text: string }>)
			.map((r) => r.text)
			.sort();
		await closeTestDatabase(copy);
		expect(inBackup).toEqual(expect.arrayContaining(['Wie betaalt de opleiding?', 'Wie houdt de regie?']));
		// A second backup to the same file is refused rather than overwriting it.
		expect((await npmRun('backup', [file], env)).code).toBe(1);

		// After the backup: a card that the restore must take away again, on every screen.
		await add('Na de back-up');
		await waitFor(() => screen.cards().some((c) => c.text === 'Na de back-up'), 5000, 'the later card');

		// Restoring under a running app is refused; stopped, it goes.
		expect((await npmRun('restore', [file], env)).code).toBe(1);
		const port = app.port;
		expect(await app.stop()).toBe(0);
		const restore = await npmRun('restore', [file], env);
		expect(restore.out).toMatch(/Restored/);
		expect(restore.code).toBe(0);
		app = await startApp(data.dbPath, {}, port);

		expect(await cardTexts()).toEqual(inBackup);
		const fresh = connectProvider(app.wsUrl, `table:${f.tableA}`, { token: f.anna.token, origin: app.url });
		open.push(fresh);
		await waitFor(() => fresh.provider.synced, 5000, 'a fresh client');
		expect(fresh.cards().map((c) => c.text).sort()).toEqual(inBackup);
		// The open screen learns its doc was replaced, starts a new one, and shows the restored board.
		await waitFor(() => screen.replacedBy.length > 0 && screen.provider.synced, 15_000, 'the open screen to start over');
		expect(screen.cards().map((c) => c.text).sort()).toEqual(inBackup);
		// And the restored app takes new work.
		await add('Na het terugzetten');
		await waitFor(() => screen.cards().some((c) => c.text === 'Na het terugzetten'), 5000, 'a new card on the open screen');
	}, 60_000);
});
