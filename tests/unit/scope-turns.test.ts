import { describe, expect, it } from 'vitest';
import { ScopeTurns } from '../../src/lib/server/db/scope-turns.ts';

// The per-meeting turns in front of PostgreSQL's pool (issue #17): one meeting's work one at a time, in
// the order it came, other meetings alongside, and one failure never blocking the queue behind it.

function gate() {
	let open!: () => void;
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { open, opened };
}

describe('turns per scope', () => {
	it("runs one scope's work one at a time, first come first served", async () => {
		const turns = new ScopeTurns();
		const events: string[] = [];
		let running = 0;
		let most = 0;
		const work = (name: string) => async () => {
			running++;
			most = Math.max(most, running);
			events.push(`${name} start`);
			await new Promise((resolve) => setTimeout(resolve, 5));
			events.push(`${name} end`);
			running--;
			return name;
		};
		const results = await Promise.all(['a', 'b', 'c'].map((name) => turns.run('meeting-1', work(name))));
		expect(results).toEqual(['a', 'b', 'c']);
		expect(most).toBe(1);
		expect(events).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
	});

	it('runs work of other scopes while one scope waits', async () => {
		const turns = new ScopeTurns();
		const held = gate();
		const first = turns.run('meeting-1', () => held.opened.then(() => 'one'));
		const queued = turns.run('meeting-1', async () => 'one again');
		// Another meeting is not held up by meeting-1's open work.
		expect(await turns.run('meeting-2', async () => 'two')).toBe('two');
		held.open();
		expect(await Promise.all([first, queued])).toEqual(['one', 'one again']);
	});

	it("gives a failure to its own caller only and goes on with the next in line", async () => {
		const turns = new ScopeTurns();
		const failing = turns.run('meeting-1', async () => {
			throw new Error('rolled back');
		});
		const next = turns.run('meeting-1', async () => 'next');
		await expect(failing).rejects.toThrow('rolled back');
		expect(await next).toBe('next');
	});

	it('forgets a scope once its queue is empty', async () => {
		const turns = new ScopeTurns();
		await Promise.all([turns.run('meeting-1', async () => 1), turns.run('meeting-2', async () => 2)]);
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(turns.size).toBe(0);
	});
});
