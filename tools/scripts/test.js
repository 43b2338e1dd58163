#!/usr/bin/env node
// `npm test`: every check a change must pass, in the order that fails fastest. It starts the local
// services it needs; each jest run works in its own databases, key prefixes and queue names.
const { ensureLocalServices } = require('./local-services');
const { runStep } = require('./run-steps');

const NX_OFFLINE = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_SKIP_NX_CACHE: 'true' };

async function main() {
  process.stdout.write('▶ Local services\n');
  const problems = await ensureLocalServices();
  if (problems.length > 0) {
    for (const problem of problems) process.stderr.write(`✗ ${problem}\n`);
    process.exit(1);
  }
  runStep('Type check and build (tsc, strict)', 'npx', ['tsc', '-p', 'tsconfig.build.json']);
  runStep('Type check tests, tools and benchmarks', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  runStep('Project graph (for module-boundary lint)', 'npx', ['nx', 'show', 'projects'], { env: NX_OFFLINE, stdio: 'ignore' });
  runStep('Lint (ESLint with Nx module boundaries)', 'npx', ['eslint', '.', '--max-warnings', '0'], { env: NX_OFFLINE });
  runStep('Tests (jest: unit, integration against real PostgreSQL, Redis and RabbitMQ)', 'npx', [
    'jest',
    '--ci',
    '--runInBand',
    ...process.argv.slice(2),
  ]);
}

main().catch((error) => {
  process.stderr.write(`✗ ${error.stack || error}\n`);
  process.exit(1);
});
