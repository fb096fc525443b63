import { rmSync } from 'node:fs';

/** Removes this run's temporary database folder (made in playwright.config.ts). */
export default function globalTeardown(): void {
	const dir = process.env.E2E_DATA_DIR;
	if (dir && dir.includes('denktafel-e2e-')) rmSync(dir, { recursive: true, force: true });
}
