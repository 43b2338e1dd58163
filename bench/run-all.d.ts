/** Types of run-all.js (plain CommonJS, run by `npm run bench` with plain node) for TypeScript callers. */
export const BENCH_NODE_ARGS: readonly string[];
