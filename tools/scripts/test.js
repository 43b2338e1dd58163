#!/usr/bin/env node
// `npm test`: every check a change must pass, in the order that fails fastest. It starts the local
// services it needs; each jest run works in its own databases, key prefixes and queue names.
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync, rmSync } = require('node:fs');
const { resolve } = require('node:path');
const { ensureLocalServices } = require('./local-services');
const { runStep } = require('./run-steps');

const ROOT = resolve(__dirname, '../..');
const JEST_WATCHDOG_MS = watchdogMs(process.env.SENTINEL_TEST_WATCHDOG_MINUTES);
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
  process.stdout.write('\n▶ Tests (jest: unit, integration against real PostgreSQL, Redis and RabbitMQ)\n');
  const resultsFile = resolve(ROOT, 'tmp/jest-results.json');
  mkdirSync(resolve(ROOT, 'tmp'), { recursive: true });
  rmSync(resultsFile, { force: true });
  // --forceExit: a handle some failed test left open (a service that finished booting after its
  // hook timed out) must cost that test, not keep jest alive until CI's 90 minutes run out. The
  // watchdog bounds the whole run below that limit so a hang still ends in a summary line.
  const jest = spawnSync(
    process.execPath,
    [require.resolve('jest/bin/jest'), '--ci', '--runInBand', '--forceExit', '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)],
    { cwd: ROOT, stdio: 'inherit', timeout: JEST_WATCHDOG_MS, killSignal: 'SIGKILL' },
  );
  if (jest.error?.code === 'ETIMEDOUT') {
    process.stderr.write(`\n✗ jest was still running after ${JEST_WATCHDOG_MS / 60_000} minutes and was stopped\n`);
  }
  printSummary(resultsFile);
  process.exit(jest.status ?? 1);
}

/** The jest watchdog in ms (default 60 minutes); a value that is not a positive number stops at once. */
function watchdogMs(minutes) {
  if (minutes === undefined || minutes === '') return 60 * 60_000;
  const value = Number(minutes);
  if (!Number.isFinite(value) || value <= 0) {
    process.stderr.write(`✗ SENTINEL_TEST_WATCHDOG_MINUTES must be a positive number of minutes (got "${minutes}")\n`);
    process.exit(2);
  }
  return value * 60_000;
}

// One plain closing line that any CI reader understands, whatever the runner prints above it.
function printSummary(resultsFile) {
  if (!existsSync(resultsFile)) {
    process.stdout.write('\ntests: 0 passed, 1 failed (jest produced no results)\n');
    return;
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
  const skipped = results.numPendingTests + results.numTodoTests;
  process.stdout.write(`\ntests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
}

main().catch((error) => {
  process.stderr.write(`✗ ${error.stack || error}\n`);
  process.exit(1);
});
