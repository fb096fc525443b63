// V8 flags the server runs with. Node sizes the young generation from the machine's memory (on a
// 24 GB machine a 64 MB semi-space: ~130 MB RSS of mostly garbage before any client). 8 MB keeps
// the server near 180 MB at start and costs no measurable CPU in the benchmark. The npm scripts in
// package.json pass the same flag; keep them in step.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=8'];
