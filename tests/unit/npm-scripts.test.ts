import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Every npm script the README names must run: a script that points at a file nobody wrote
// (`db:migrate` once did) fails only when an operator needs it most.

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
const readme = readFileSync('README.md', 'utf8');

/** The files a script runs with `node …` (our own entry points), wherever in the command line. */
function entryFiles(command: string): string[] {
	return Array.from(command.matchAll(/\bnode\s+(?:--[\w-]+(?:=\S+)?\s+)*([\w./-]+\.(?:ts|js|mjs))/g)).map((m) => m[1]);
}

describe('npm scripts', () => {
	it.each(Object.entries(pkg.scripts))('"%s" runs files that exist', (_name, command) => {
		for (const file of entryFiles(command)) expect(existsSync(file), `${file} is missing`).toBe(true);
		// A script without `node <file>` runs a tool: its name is enough here.
		expect(command.length).toBeGreaterThan(0);
	});

	it('includes every script the README tells people to run', () => {
		const named = new Set(Array.from(readme.matchAll(/npm run ([\w:-]+)/g)).map((m) => m[1]));
		expect(named.size).toBeGreaterThan(5);
		for (const name of named) expect(Object.keys(pkg.scripts), `npm run ${name}`).toContain(name);
	});

	it('finds the entry file of db:migrate', () => {
		expect(entryFiles(pkg.scripts['db:migrate'])).toEqual(['server/migrate.ts']);
	});
});
