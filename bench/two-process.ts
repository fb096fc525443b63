// `npm run bench:two-process [-- --quick] [-- --processes 1] [-- --sqlite]`: the many-rooms scenario spread over two app processes on one
// PostgreSQL and one Redis (issue #17), written to bench/results/two-process.json; `npm run bench` runs it
// as a child beside the one-process run and shows both in latest.md.
//
// A process picks its tables once, from DATABASE_URL, when its first database module loads
// (src/lib/server/db/dialect.ts). The meetings are seeded into PostgreSQL through the domain here, so
// DATABASE_URL must say PostgreSQL before anything loads: a placeholder now, the real URL (of the
// throw-away server the scenario starts) passed explicitly everywhere it is used.
// `--sqlite` (with `--processes 1`): the same meetings and load on one SQLite file, for comparison.
const sqlite = process.argv.includes('--sqlite');
if (sqlite) delete process.env.DATABASE_URL;
else process.env.DATABASE_URL = 'postgres://placeholder@127.0.0.1:1/placeholder';
const { runTwoProcess } = await import('./scenarios/two-process.ts');
// `--processes 1`: the same meetings on one process on PostgreSQL, to tell PostgreSQL's share from the split's.
const at = process.argv.indexOf('--processes');
const processes = at > 0 ? Number(process.argv[at + 1]) : 2;
if (processes !== 1 && processes !== 2) throw new Error('--processes is 1 or 2');
await runTwoProcess(process.argv.includes('--quick'), processes, sqlite ? 'sqlite' : 'postgres');

export {};
