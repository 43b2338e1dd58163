#!/usr/bin/env node
// `npm run bench`: runs every benchmark in bench/ one after another (each measures our path and
// its baseline side by side in one run and writes bench/results/<name>.json), then prints one
// table of every goal with its figure and status, and writes it to bench/results/report.json.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const { basename, join } = require('node:path');

const BENCH_DIR = __dirname;
const RESULTS_DIR = join(BENCH_DIR, 'results');

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0] ? cpus[0].model.trim() : 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage1m: os.loadavg()[0],
  };
}

/** How a bench runs from source: node with these, then the bench file (also used by a bench that re-executes itself). */
const BENCH_NODE_ARGS = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];

function runBench(file) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [...BENCH_NODE_ARGS, join(BENCH_DIR, file)], {
    cwd: join(BENCH_DIR, '..'),
    stdio: 'inherit',
    env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json' },
  });
  return { exitCode: result.status, seconds: (Date.now() - started) / 1000 };
}

function formatValue(goal) {
  if (typeof goal.value !== 'number') return String(goal.value);
  const digits = Math.abs(goal.value) >= 100 ? 0 : 2;
  return `${goal.value.toFixed(digits)}${goal.unit && goal.unit !== 'x' ? ` ${goal.unit}` : goal.unit === 'x' ? 'x' : ''}`;
}

function main() {
  const only = process.argv.slice(2);
  const files = readdirSync(BENCH_DIR)
    .filter((file) => file.endsWith('.bench.ts'))
    .filter((file) => only.length === 0 || only.some((name) => file.startsWith(name)))
    .sort();
  const rows = [];
  const runs = [];
  for (const file of files) {
    const name = basename(file, '.bench.ts');
    process.stdout.write(`\n▶ bench ${name}\n`);
    const run = runBench(file);
    const resultsFile = join(RESULTS_DIR, `${name}.json`);
    const results = run.exitCode === 0 && existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : undefined;
    runs.push({ name, ...run, resultsFile: results ? resultsFile : null });
    if (!results) {
      rows.push({ bench: name, goal: '(run failed)', value: '-', target: '-', status: 'FAILED' });
      continue;
    }
    if (!Array.isArray(results.goals) || results.goals.length === 0) {
      // A bench whose results carry no goal rows would otherwise vanish from the report.
      rows.push({ bench: name, goal: '(no goals in its results)', value: '-', target: '-', status: 'FAILED' });
      continue;
    }
    for (const goal of results.goals) {
      rows.push({ bench: name, goal: goal.goal, value: formatValue(goal), target: goal.target, status: goal.pass ? 'pass' : 'short' });
    }
  }

  const host = machine();
  const widths = ['bench', 'goal', 'value', 'target', 'status'].map((key) =>
    Math.max(key.length, ...rows.map((row) => String(row[key]).length)),
  );
  const line = (cells) => cells.map((cell, index) => String(cell).padEnd(widths[index])).join('  ');
  process.stdout.write(`\nBenchmark report — ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, node ${host.node}, load ${host.loadAverage1m.toFixed(2)}\n`);
  process.stdout.write(`${line(['bench', 'goal', 'value', 'target', 'status'])}\n`);
  for (const row of rows) process.stdout.write(`${line([row.bench, row.goal, row.value, row.target, row.status])}\n`);
  writeFileSync(join(RESULTS_DIR, 'report.json'), `${JSON.stringify({ generatedAt: new Date().toISOString(), machine: host, runs, goals: rows }, null, 2)}\n`);
  process.stdout.write(`\nwrote ${join(RESULTS_DIR, 'report.json')}\n`);
  process.exit(runs.some((run) => run.exitCode !== 0) || rows.some((row) => row.status === 'FAILED') ? 1 : 0);
}

module.exports = { BENCH_NODE_ARGS };

if (require.main === module) main();
