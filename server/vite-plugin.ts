import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';
import type { Hub } from './hub/index.ts';

// The contract of server/app-hub.ts, kept as a type so the config bundler never follows the import.
interface AppHubModule {
	startAppHub(): Promise<{ hub: Hub }>;
	demoLoginLines(app: unknown): string[];
}

/** Attaches the realtime hub to `vite dev`'s HTTP server, so boards are live in development too. */
export function denktafelHub(): Plugin {
	return {
		name: 'denktafel-hub',
		apply: 'serve',
		async configureServer(server) {
			const httpServer = server.httpServer;
			// vitest and middleware mode have no HTTP server: nothing to attach to.
			if (!httpServer) return;
			// Loaded by Node at run time, not bundled into the config: one copy of yjs and the hub.
			const url = pathToFileURL(resolve('server/app-hub.ts')).href;
			const { startAppHub, demoLoginLines } = (await import(/* @vite-ignore */ url)) as AppHubModule;
			const app = await startAppHub();
			const { hub } = app;
			const demo = demoLoginLines(app);
			if (demo.length > 0) console.log(demo.join('\n'));
			httpServer.on('upgrade', (req, socket, head) => {
				// Returns false for every path outside /yjs/, which Vite's hot reload then handles.
				hub.handleUpgrade(req, socket, head);
			});
			httpServer.once('close', () => {
				void hub.close();
			});
		}
	};
}
