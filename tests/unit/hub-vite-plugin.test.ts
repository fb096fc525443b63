import type { ViteDevServer } from 'vite';
import { describe, expect, it } from 'vitest';
import { denktafelHub } from '../../server/vite-plugin.ts';

describe('the dev-server plugin', () => {
	it('does nothing and loads no hub when Vite has no HTTP server (vitest)', async () => {
		const plugin = denktafelHub();
		const hook = plugin.configureServer;
		const configure = typeof hook === 'function' ? hook : hook?.handler;
		await expect(
			configure?.call({} as never, { httpServer: null } as unknown as ViteDevServer)
		).resolves.toBeUndefined();
		expect(plugin.apply).toBe('serve');
	});
});
