// Finds a Chromium for Playwright, installing one when the machine has none: Debian's package when we
// are root on Debian (Playwright's own download is not reachable here), else Playwright's.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];

function found(): string | null {
	return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

function run(cmd: string): boolean {
	console.log(`$ ${cmd}`);
	return spawnSync('sh', ['-c', cmd], { stdio: 'inherit' }).status === 0;
}

if (!found()) {
	const debian = existsSync('/etc/debian_version');
	const root = process.getuid?.() === 0;
	if (debian && root) {
		run('apt-get update -qq') && run('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium');
	} else if (debian) {
		run('sudo -n apt-get update -qq') && run('sudo -n DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium');
	}
	if (!found()) {
		console.log('No system Chromium: trying Playwright\'s own browser download.');
		run('npx playwright install chromium');
	}
}
const path = found();
if (path) {
	const version = execSync(`${path} --version 2>/dev/null || true`).toString().trim();
	console.log(`Browser for end-to-end tests: ${path} (${version})`);
} else {
	console.log('Using Playwright-managed Chromium.');
}
