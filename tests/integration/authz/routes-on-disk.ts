import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

// Everything the app answers, read from src/routes as SvelteKit does: a page (GET) per +page.svelte or
// +page.server.ts, each named form action of a +page.server.ts, and each exported method of a
// +server.ts. The authorization matrix must have a row for every key this returns.

const ROUTES = resolve(import.meta.dirname, '../../../src/routes');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

function walk(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]
	);
}

function routeId(file: string): string {
	const rel = relative(ROUTES, dirname(file)).split(sep).join('/');
	return rel === '' ? '/' : `/${rel}`;
}

/** The keys of the object literal starting at `{` after `marker`, at its first nesting level. */
function objectKeys(source: string, marker: RegExp): string[] {
	const m = marker.exec(source);
	if (!m) return [];
	let depth = 0;
	let start = source.indexOf('{', m.index);
	const keys: string[] = [];
	for (let i = start; i < source.length; i++) {
		const ch = source[i];
		if (ch === '{' || ch === '(' || ch === '[') depth++;
		else if (ch === '}' || ch === ')' || ch === ']') {
			depth--;
			if (depth === 0) break;
		} else if (depth === 1 && (i === start + 1 || /[\n,]/.test(source[i - 1] ?? ''))) {
			const key = /^\s*([A-Za-z_$][\w$]*)\s*:(?!:)/.exec(source.slice(i, i + 80));
			if (key) keys.push(key[1]);
		}
	}
	return keys;
}

/** Form action names of a +page.server.ts, following `export const actions = imported;` one hop. */
export function actionNames(file: string): string[] {
	const source = readFileSync(file, 'utf8');
	const inline = objectKeys(source, /export const actions(?::\s*Actions)?\s*=\s*\{/);
	if (inline.length) return inline;
	const alias = /export const actions(?::\s*Actions)?\s*=\s*([A-Za-z_$][\w$]*)\s*;/.exec(source)?.[1];
	if (!alias) return [];
	const from = new RegExp(`import\\s*\\{[^}]*\\b${alias}\\b[^}]*\\}\\s*from\\s*'(\\.[^']+)'`).exec(source)?.[1];
	if (!from) throw new Error(`${file}: cannot find where ${alias} comes from`);
	const target = [resolve(dirname(file), from), resolve(dirname(file), `${from}.ts`)].find((p) => existsSync(p) && p.endsWith('.ts'));
	if (!target) throw new Error(`${file}: cannot read ${from}`);
	const keys = objectKeys(readFileSync(target, 'utf8'), new RegExp(`export const ${alias}(?::\\s*Actions)?\\s*=\\s*\\{`));
	if (!keys.length) throw new Error(`${target}: no actions found in ${alias}`);
	return keys;
}

/** `GET /(group)/path` for pages and endpoints, `POST /(group)/path?/name` for form actions. */
export function routeKeysOnDisk(): string[] {
	const keys = new Set<string>();
	for (const file of walk(ROUTES)) {
		const name = file.slice(file.lastIndexOf(sep) + 1);
		const id = routeId(file);
		if (name === '+page.svelte' || name === '+page.server.ts' || name === '+page.ts') keys.add(`GET ${id}`);
		if (name === '+page.server.ts') for (const a of actionNames(file)) keys.add(`POST ${id}?/${a}`);
		if (name === '+server.ts') {
			const source = readFileSync(file, 'utf8');
			for (const method of METHODS) {
				if (new RegExp(`export (const|async function|function) ${method}\\b`).test(source)) keys.add(`${method} ${id}`);
			}
		}
	}
	return [...keys].sort();
}
