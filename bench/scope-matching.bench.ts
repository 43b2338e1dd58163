/**
 * Scope matching: @sentinel/permission's compiled matcher vs @casl/ability's fieldPatternMatcher vs
 * a casbin enforcer using globMatch, on one shared workload. See bench/README.md.
 *   npx ts-node --transpile-only -r tsconfig-paths/register bench/scope-matching.bench.ts
 */
import type { FieldMatcher, MatchField } from '@casl/ability/dist/types/types';
import { compileScopeMatcher, naiveScopeMatches, type ScopeMatcher } from '@sentinel/permission';
import { type Enforcer, newEnforcer, newModelFromString } from 'casbin';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildWorkload, uniquePermissions } from './scope-matching.workload';

// @casl/ability 7 publishes its types only through package.json "exports", which the workspace's
// `moduleResolution: node` does not read; so the module is required and typed by its .d.ts path.
const { fieldPatternMatcher } = require('@casl/ability') as { fieldPatternMatcher: FieldMatcher };

const SHAPE = {
  seed: 20260615,
  scopeSets: 40,
  minScopes: 10,
  maxScopes: 50,
  checks: 100_000,
  targetedShare: 0.5,
};
const FAST_ROUNDS = 7;
const RESULTS_FILE = join(__dirname, 'results', 'scope-matching.json');

type Check = (setIndex: number, permission: string) => boolean;

/** Check i asks whether scope set setIndexes[i] grants permissions[i]. */
interface Run {
  readonly setIndexes: Uint16Array;
  readonly permissions: readonly string[];
  /** The naive oracle's answers. */
  readonly expected: readonly boolean[];
}

interface EngineFigures {
  readonly checksPerSecond: number;
  readonly p50Ns: number;
  readonly p99Ns: number;
  readonly agreesWithOracle: number;
  readonly matchShare: number;
}

interface Goal {
  readonly goal: string;
  readonly unit: 'x' | 'ns';
  readonly value: number;
  readonly target: string;
  readonly pass: boolean;
}

// casbin's globMatch treats `/` as the separator and `*` as one segment. The leading `/` keeps
// globMatch from stripping a pattern's leading `*/` (its minimatch workaround).
const toPath = (dotted: string) => `/${dotted.replaceAll('.', '/')}`;
const CASBIN_MODEL = `
[request_definition]
r = obj
[policy_definition]
p = obj
[policy_effect]
e = some(where (p.eft == allow))
[matchers]
m = globMatch(r.obj, p.obj)
`;

async function casbinEnforcer(globs: readonly string[]): Promise<Enforcer> {
  const enforcer = await newEnforcer(newModelFromString(CASBIN_MODEL));
  await enforcer.addPolicies(globs.map((glob) => [toPath(glob)]));
  return enforcer;
}

/** One pass timed as a whole; the hit count keeps the work observable to the optimiser. */
function pass(check: Check, run: Run): number {
  let hits = 0;
  for (let i = 0; i < run.permissions.length; i++) if (check(run.setIndexes[i], run.permissions[i])) hits++;
  return hits;
}

/** Median rate over whole passes: the throughput figure, free of per-call timer overhead. */
function checksPerSecond(check: Check, run: Run, rounds: number): number {
  const rates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    pass(check, run);
    rates.push(run.permissions.length / ((performance.now() - start) / 1000));
  }
  return rates.sort((a, b) => a - b)[Math.floor(rates.length / 2)];
}

/** Times every check on its own (one performance.now() pair each) and keeps its answer. */
function timedChecks(check: Check, run: Run): { samplesNs: Float64Array; answers: boolean[] } {
  const samplesNs = new Float64Array(run.permissions.length);
  const answers: boolean[] = [];
  for (let i = 0; i < run.permissions.length; i++) {
    const start = performance.now();
    const answer = check(run.setIndexes[i], run.permissions[i]);
    samplesNs[i] = (performance.now() - start) * 1e6;
    answers.push(answer);
  }
  return { samplesNs: samplesNs.sort(), answers };
}

function timerOverheadNs(samples: number): number {
  const durations = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    durations[i] = (performance.now() - start) * 1e6;
  }
  return percentile(durations.sort(), 0.5);
}

const percentile = (sorted: Float64Array, q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

/** Lets V8 optimise both measuring loops (and CASL build its lazy regexes) before timing. */
function warmUp(check: Check, run: Run, rounds: number): void {
  for (let round = 0; round < rounds; round++) {
    pass(check, run);
    timedChecks(check, run);
  }
}

function measure(check: Check, run: Run, rounds: number): EngineFigures {
  const { samplesNs, answers } = timedChecks(check, run);
  return {
    checksPerSecond: checksPerSecond(check, run, rounds),
    p50Ns: percentile(samplesNs, 0.5),
    p99Ns: percentile(samplesNs, 0.99),
    agreesWithOracle: answers.filter((answer, i) => answer === run.expected[i]).length,
    matchShare: answers.filter(Boolean).length / answers.length,
  };
}

const atLeast = (goal: string, unit: Goal['unit'], value: number, min: number): Goal => ({
  goal, unit, value, target: `>= ${min}${unit === 'x' ? 'x' : ' ns'}`, pass: value >= min,
});
const atMost = (goal: string, unit: Goal['unit'], value: number, max: number): Goal => ({
  goal, unit, value, target: `<= ${max}${unit === 'x' ? 'x' : ' ns'}`, pass: value <= max,
});

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const duration = (ns: number) => (ns >= 10_000 ? `${(ns / 1000).toFixed(1)} µs` : `${Math.round(ns)} ns`);
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const row = (cells: string[], widths: number[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');

function printReport(
  figures: Record<'ours' | 'casl' | 'casbin' | 'oursColdSplitCache', EngineFigures>,
  goals: readonly Goal[],
  context: {
    scopeSetSizes: number[];
    checks: number;
    catalogueSize: number;
    timerNs: number;
    compileUs: number;
  },
): void {
  const { scopeSetSizes, checks } = context;
  console.log(
    `\nScope matching: ${scopeSetSizes.length} scope sets of ${Math.min(...scopeSetSizes)}-` +
      `${Math.max(...scopeSetSizes)} globs, ${count(checks)} checks over ${context.catalogueSize} names ` +
      `(${percent(figures.ours.matchShare)} match), node ${process.version}`,
  );
  const widths = [40, 12, 9, 9, 16];
  console.log(row(['engine', 'checks/s', 'p50', 'p99', 'agrees w/ oracle'], widths));
  const engines: [string, EngineFigures][] = [
    ['ours: compileScopeMatcher', figures.ours],
    ['@casl/ability fieldPatternMatcher', figures.casl],
    ['casbin enforceSync + globMatch', figures.casbin],
    ['ours, every check a split-cache miss*', figures.oursColdSplitCache],
  ];
  for (const [name, engine] of engines) {
    const agreement = `${count(engine.agreesWithOracle)}/${count(checks)}`;
    const rate = count(engine.checksPerSecond);
    console.log(row([name, rate, duration(engine.p50Ns), duration(engine.p99Ns), agreement], widths));
  }
  console.log(
    `* unique names (${percent(figures.oursColdSplitCache.matchShare)} match), informational only.\n` +
      `p50/p99 time each check alone, including one performance.now() pair ` +
      `(~${duration(context.timerNs)}). ` +
      `Compile: ${context.compileUs.toFixed(1)} µs per scope set.\n`,
  );
  const goalWidths = [24, 10, 12, 6];
  console.log(row(['goal', 'value', 'target', 'status'], goalWidths));
  for (const goal of goals) {
    const value = goal.unit === 'x' ? `${goal.value.toFixed(2)}x` : duration(goal.value);
    console.log(row([goal.goal, value, goal.target, goal.pass ? 'pass' : 'SHORT'], goalWidths));
  }
}

async function main(): Promise<void> {
  const workload = buildWorkload(SHAPE);
  const { scopeSets, setIndexes } = workload;
  const runOf = (permissions: readonly string[]): Run => ({
    setIndexes,
    permissions,
    expected: permissions.map((permission, i) => naiveScopeMatches(scopeSets[setIndexes[i]], permission)),
  });
  const run = runOf(workload.permissions);
  const coldRun = runOf(uniquePermissions(workload.permissions));

  const compileStart = performance.now();
  const ours: ScopeMatcher[] = scopeSets.map((globs) => compileScopeMatcher(globs));
  const compileUs = ((performance.now() - compileStart) * 1000) / scopeSets.length;
  const casl: MatchField<string>[] = scopeSets.map((globs) => fieldPatternMatcher([...globs]));
  const casbin = await Promise.all(scopeSets.map(casbinEnforcer));

  const checks: Record<'ours' | 'casl' | 'casbin', Check> = {
    ours: (setIndex, permission) => ours[setIndex].matches(permission),
    casl: (setIndex, permission) => casl[setIndex](permission),
    casbin: (setIndex, permission) => casbin[setIndex].enforceSync(toPath(permission)),
  };
  warmUp(checks.ours, run, 3);
  warmUp(checks.casl, run, 3);
  warmUp(checks.casbin, { ...run, permissions: run.permissions.slice(0, 2_000) }, 1);

  const figures = {
    ours: measure(checks.ours, run, FAST_ROUNDS),
    casl: measure(checks.casl, run, FAST_ROUNDS),
    // ~0.3 ms a check: one timed pass plus one rate pass is already most of the bench's runtime.
    casbin: measure(checks.casbin, run, 1),
    oursColdSplitCache: measure(checks.ours, coldRun, 1),
  };
  const goals = [
    atLeast('ours/CASL rate', 'x', figures.ours.checksPerSecond / figures.casl.checksPerSecond, 1),
    atLeast('ours/casbin rate', 'x', figures.ours.checksPerSecond / figures.casbin.checksPerSecond, 100),
    atMost('ours p99 per check', 'ns', figures.ours.p99Ns, 2000),
  ];
  const timerNs = timerOverheadNs(100_000);

  printReport(figures, goals, {
    scopeSetSizes: scopeSets.map((globs) => globs.length),
    checks: run.permissions.length,
    catalogueSize: workload.catalogueSize,
    timerNs,
    compileUs,
  });

  mkdirSync(join(__dirname, 'results'), { recursive: true });
  const results = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    workload: { ...SHAPE, catalogueSize: workload.catalogueSize, fastRounds: FAST_ROUNDS },
    timerOverheadNs: timerNs,
    compileMicrosecondsPerScopeSet: compileUs,
    engines: figures,
    goals,
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${RESULTS_FILE}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
