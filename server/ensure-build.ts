// `npm start` builds only when needed: no build yet, or sources newer than the last build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const marker = join(root, 'build/handler.js');
const inputs = ['src', 'static', 'drizzle', 'svelte.config.js', 'vite.config.ts', 'package.json', 'project.inlang/settings.json'];

function newest(path: string): number {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let max = 0;
	for (const entry of readdirSync(path)) {
		if (entry === 'paraglide') continue; // generated during the build itself
		max = Math.max(max, newest(join(path, entry)));
	}
	return max;
}

const built = existsSync(marker) ? statSync(marker).mtimeMs : 0;
const changed = Math.max(...inputs.map((p) => newest(join(root, p))));
if (built === 0 || changed > built) {
	console.log(built === 0 ? 'Building Denktafel (first start)…' : 'Sources changed: rebuilding…');
	const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}
