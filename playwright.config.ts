import { defineConfig, devices } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_NODE_FLAGS } from './server/node-flags.ts';

const PORT = Number(process.env.E2E_PORT ?? 4317);
const BASE_URL = `http://127.0.0.1:${PORT}`;

// A fresh database per run. Workers load this file again: the runner picks the folder first and the
// workers inherit it through the environment, so the tests read the same demo-logins.json.
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'denktafel-e2e-'));
const dataDir = process.env.E2E_DATA_DIR;

// Debian's Chromium when present (Playwright's download is not reachable here),
// else Playwright's own.
const chromium =
	process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
	testDir: 'tests/e2e',
	globalTeardown: './tests/e2e/global-teardown.ts',
	forbidOnly: !!process.env.CI,
	retries: process.env.CI ? 1 : 0,
	workers: 1,
	reporter: 'list',
	use: {
		baseURL: BASE_URL,
		trace: 'retain-on-failure'
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: {
					executablePath: chromium,
					args: [
						'--no-sandbox',
						'--headless',
						'--disable-gpu',
						'--disable-background-networking',
						'--disable-component-update',
						'--disable-sync',
						'--disable-quic',
						'--no-first-run'
					]
				}
			}
		}
	],
	webServer: {
		// Runs the production build (`npm run build` first; the test script does that).
		command: `node ${SERVER_NODE_FLAGS.join(' ')} server/index.ts`,
		url: `${BASE_URL}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			DATABASE_PATH: join(dataDir, 'denktafel.db'),
			DENKTAFEL_DEMO: '1',
			DENKTAFEL_ADMIN_EMAIL: 'admin@e2e.test',
			DENKTAFEL_ADMIN_PASSWORD: 'e2e-admin-wachtwoord-42'
		}
	}
});
