import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// Finds SQLite-only database calls in source that must also run on PostgreSQL (issue 17): the domain
// awaits queries (`await q`, `first(q)`), runs transactions through db/transaction.ts, and keeps
// dialect-only SQL in db/dialect-sql.ts.

/** SQLite-only places: the database layer itself and the tools that work on the SQLite file. */
export const SQLITE_ONLY = [
	'src/lib/server/db/',
	'server/persistence/',
	'server/db-backup.ts',
	'server/backup.ts',
	'server/restore.ts',
	'server/migrate.ts'
];

const RULES: Array<{ name: string; pattern: RegExp }> = [
	// better-sqlite3's synchronous runners; drizzle's async dialects have none of them.
	{ name: 'sync runner .get()/.all()/.run()', pattern: /\.(?:get|all|run)\(\)/ },
	{ name: 'prepared query run by .get/.all/.run (use .execute)', pattern: /\w+\((?:db|tx|\w+Db|\w+\.db)\)\.(?:get|all|run)\(/ },
	{ name: '.values() on a query', pattern: /\.(?:from|where|orderBy|groupBy|limit|offset|returning|set)\((?:[^()]|\([^()]*\))*\)\s*\.values\(\)/ },
	{ name: 'the raw connection ($client)', pattern: /\$client\b/ },
	{ name: 'drizzle transaction (use transaction() from db/transaction.ts)', pattern: /\b(?:db|tx|\w+Db)\.transaction\(/ },
	{ name: 'SQLite-only SQL (use db/dialect-sql.ts)', pattern: /json_extract|\browid\b|unixepoch|escape '\\\\'/ }
];

export interface Finding {
	file: string;
	line: number;
	rule: string;
	text: string;
}

/** The findings in one file's text (comments are skipped: they may name what is not allowed). */
export function scanSource(file: string, text: string): Finding[] {
	const findings: Finding[] = [];
	// Only code that can reach the database: `.get()` means something else on a Yjs map in the browser.
	if (!/from '[^']*(?:drizzle-orm|\/db\/|\$lib\/server\/)[^']*'/.test(text)) return findings;
	// Whole statements, so a query chain over several lines is seen at once.
	const code = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/\/\/.*$/gm, '');
	for (const rule of RULES) {
		const global = new RegExp(rule.pattern.source, 'g');
		for (const match of code.matchAll(global)) {
			const line = code.slice(0, match.index).split('\n').length;
			findings.push({ file, line, rule: rule.name, text: match[0].slice(0, 80) });
		}
	}
	return findings;
}

/** Every .ts file under src/ and server/ of `root`, outside the SQLite-only places. */
export function scanTree(root: string): { files: number; findings: Finding[] } {
	const findings: Finding[] = [];
	let files = 0;
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			const rel = relative(root, path).replaceAll('\\', '/');
			if (entry.isDirectory()) {
				if (entry.name !== 'node_modules' && entry.name !== 'paraglide') walk(path);
			} else if (/\.(ts|js)$/.test(entry.name) && !SQLITE_ONLY.some((p) => rel.startsWith(p))) {
				files++;
				findings.push(...scanSource(rel, readFileSync(path, 'utf8')));
			}
		}
	};
	walk(join(root, 'src'));
	walk(join(root, 'server'));
	return { files, findings };
}
