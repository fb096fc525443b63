import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// The layering, checked by dependency-cruiser with the rules in .dependency-cruiser.cjs: routes reach
// neither the realtime seam nor the database, domain modules speak no SvelteKit, and the hub gets the
// domain only through what it is given.

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

interface Violation {
	from: string;
	to: string;
	rule: { name: string };
}

/** Runs the dependency-cruiser CLI (the same as `npx depcruise`) and returns what it found. */
async function cruise(cwd: string, targets: string[]): Promise<{ modules: number; violations: Violation[] }> {
	const args = [DEPCRUISE, ...targets, '--config', CONFIG, '--output-type', 'json'];
	// The CLI exits non-zero when it finds violations; its JSON report is on stdout either way.
	const out = await run(process.execPath, args, { cwd, maxBuffer: 256 * 1024 * 1024 }).catch(
		(error: { stdout?: string }) => ({ stdout: error.stdout ?? '' })
	);
	const report = JSON.parse(out.stdout) as {
		summary: { totalCruised: number; violations: Violation[] };
	};
	return { modules: report.summary.totalCruised, violations: report.summary.violations };
}

const scratch: string[] = [];
afterAll(() => {
	for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A throw-away tree shaped like ours, with the given files. */
function tree(files: Record<string, string>): string {
	const dir = mkdtempSync(join(tmpdir(), 'denktafel-arch-'));
	scratch.push(dir);
	for (const [path, text] of Object.entries(files)) {
		mkdirSync(dirname(join(dir, path)), { recursive: true });
		writeFileSync(join(dir, path), text);
	}
	return dir;
}

describe('the architecture', () => {
	it('holds in the code as it is: no route, domain module or hub module crosses a layer', async () => {
		const { modules, violations } = await cruise(ROOT, ['src', 'server']);
		// Sanity: the cruise really read the code (routes, domain, hub), not an empty tree.
		expect(modules).toBeGreaterThan(300);
		expect(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
	}, 120_000);

	it('fails on each wrong import: the seam or the schema in a route, SvelteKit in the domain or the shared reply shaping, the domain in the hub', async () => {
		const dir = tree({
			'src/lib/server/realtime-seam.ts': 'export function publishChange(): void {}\n',
			'src/lib/server/db/schema.ts': 'export const meetings = {};\n',
			'src/lib/server/boards/add-card.ts': 'export function addCard(): void {}\n',
			'src/lib/server/events.ts': 'export type DomainChange = { type: string };\n',
			'src/routes/api/wrong/+server.ts':
				"import { publishChange } from '../../../lib/server/realtime-seam.ts';\n" +
				"import { meetings } from '../../../lib/server/db/schema.ts';\n" +
				'export const POST = () => [publishChange, meetings];\n',
			'src/lib/server/meetings/wrong.ts':
				"import { error } from '@sveltejs/kit';\nimport { dev } from '$app/environment';\nexport const x = [error, dev];\n",
			'src/lib/server/http/command-reply.ts': "import { json } from '@sveltejs/kit';\nexport const z = json;\n",
			'server/hub/wrong.ts':
				"import { addCard } from '../../src/lib/server/boards/add-card.ts';\n" +
				"import type { DomainChange } from '../../src/lib/server/events.ts';\n" +
				'export const y = (c: DomainChange) => [addCard, c];\n'
		});
		const { violations } = await cruise(dir, ['src', 'server']);
		const found = violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
		expect(found).toEqual([
			'domain-not-sveltekit: src/lib/server/meetings/wrong.ts → $app/environment',
			'domain-not-sveltekit: src/lib/server/meetings/wrong.ts → @sveltejs/kit',
			'hub-only-injected-domain: server/hub/wrong.ts → src/lib/server/boards/add-card.ts',
			'routes-not-database: src/routes/api/wrong/+server.ts → src/lib/server/db/schema.ts',
			'routes-not-realtime-seam: src/routes/api/wrong/+server.ts → src/lib/server/realtime-seam.ts',
			'shared-reply-not-sveltekit: src/lib/server/http/command-reply.ts → @sveltejs/kit'
		]);
	}, 120_000);
});
