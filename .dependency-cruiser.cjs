// The layering the architecture test holds the code to (tests/unit/architecture.test.ts runs it;
// `npx depcruise src server --config .dependency-cruiser.cjs` shows the same by hand).
const path = require('node:path');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: 'routes-not-realtime-seam',
			comment:
				'Routes hand commands to the frame, which publishes and closes sockets after the commit: no route reaches the hub.',
			severity: 'error',
			from: { path: '^src/routes/' },
			to: { path: '^src/lib/server/realtime-seam\\.ts$' }
		},
		{
			name: 'routes-not-database',
			comment:
				'Routes do not query: tables, drizzle and prepared queries belong to the domain modules (db/values.ts holds the value lists routes validate against).',
			severity: 'error',
			from: { path: '^src/routes/' },
			to: { path: '^src/lib/server/db/(schema|prepared)\\.ts$|(^|/)node_modules/drizzle-orm/|^drizzle-orm$' }
		},
		{
			name: 'domain-not-sveltekit',
			comment:
				'Domain modules are plain TypeScript (the hub and the tests import them too); only the HTTP adapters in server/http speak SvelteKit.',
			severity: 'error',
			from: { path: '^src/lib/server/(?!http/)[^/]+/' },
			to: { path: '(^|/)node_modules/@sveltejs/kit/|^@sveltejs/kit|^\\$app/' }
		},
		{
			name: 'shared-reply-not-sveltekit',
			comment:
				"The reply shaping both JSON doors use (the HTTP endpoint and the room socket's commands, which the Node-run hub serves) speaks no SvelteKit: only json-door.ts and form-door.ts turn it into SvelteKit's responses.",
			severity: 'error',
			from: { path: '^src/lib/server/http/(command-reply|body-limit)\\.ts$' },
			to: { path: '(^|/)node_modules/@sveltejs/kit/|^@sveltejs/kit|^\\$app/' }
		},
		{
			name: 'hub-only-injected-domain',
			comment:
				'The hub gets the domain through the dependencies createHub is given (server/app-hub.ts wires them); it may import the shared change and seam types, the metrics counters and the token bucket, nothing else of src/lib/server.',
			severity: 'error',
			from: { path: '^server/hub/' },
			to: {
				path: '^src/lib/server/',
				pathNot: '^src/lib/server/(events|realtime-seam)\\.ts$|^src/lib/server/ops/metrics\\.ts$|^src/lib/server/auth/rate-limit\\.ts$',
				dependencyTypesNot: ['type-only']
			}
		}
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		exclude: { path: '^src/lib/paraglide/' },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: path.join(__dirname, 'tsconfig.json') },
		// SvelteKit's `$lib` alias, for the resolver (only its types know it from the generated tsconfig).
		webpackConfig: { fileName: path.join(__dirname, 'tests/helpers/lib-alias.cjs') },
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default', 'types'],
			extensions: ['.ts', '.js', '.mjs', '.cjs', '.svelte', '.d.ts']
		},
		extraExtensionsToScan: ['.svelte']
	}
};
