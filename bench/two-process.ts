// `npm run bench:two-process [-- --quick]`: the many-rooms scenario spread over two app processes on one
// PostgreSQL and one Redis (issue #17), written to bench/results/two-process.json; `npm run bench` runs it
// as a child beside the one-process run and shows both in latest.md.
//
// A process picks its tables once, from DATABASE_URL, when its first database module loads
// (src/lib/server/db/dialect.ts). The meetings are seeded into PostgreSQL through the domain here, so
// DATABASE_URL must say PostgreSQL before anything loads: a placeholder now, the real URL (of the
// throw-away server the scenario starts) passed explicitly everywhere it is used.
process.env.DATABASE_URL = 'postgres://placeholder@127.0.0.1:1/placeholder';
const { runTwoProcess } = await import('./scenarios/two-process.ts');
await runTwoProcess(process.argv.includes('--quick'));

export {};
