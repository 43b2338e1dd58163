import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/** Workspace root, the chart, and the script that installs Go and builds the renderer. */
export const ROOT = resolve(__dirname, '../../..');
export const CHART_DIR = resolve(ROOT, 'k8s/sentinel');
export const ENSURE_GO = resolve(ROOT, 'tools/helm-render/ensure-go.sh');

/** A Kubernetes object as rendered (loosely typed: tests read the fields they check). */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface RenderResult {
  status: number;
  stdout: string;
  stderr: string;
  manifests: Manifest[];
}

/** Runs ensure-go.sh (installs Debian's golang-go + Sprig sources if missing, builds) and returns the binary path. */
export function ensureRenderer(): string {
  const output = execFileSync('bash', [ENSURE_GO], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 10 * 60_000 });
  const binary = output.trim().split('\n').pop();
  if (!binary) throw new Error('ensure-go.sh printed no binary path');
  return binary;
}

export interface RenderOptions {
  /** Values files, relative to the chart directory (e.g. `ci/minimal-values.yaml`). */
  values?: string[];
  /** Extra API versions the fake cluster serves (e.g. `keda.sh/v1alpha1`). */
  apiVersions?: string[];
  releaseName?: string;
  namespace?: string;
}

/** Renders the chart the way `helm template` would; a failed render returns its status and stderr. */
export function renderChart(binary: string, options: RenderOptions = {}): RenderResult {
  const args = [
    ...(options.values ?? []).flatMap((file) => ['-f', resolve(CHART_DIR, file)]),
    ...(options.apiVersions ?? []).flatMap((version) => ['--api-versions', version]),
    '--release-name',
    options.releaseName ?? 'tenant',
    '--namespace',
    options.namespace ?? 'sentinel',
    CHART_DIR,
  ];
  const run = spawnSync(binary, args, { encoding: 'utf8', timeout: 60_000 });
  if (run.error) throw run.error;
  const status = run.status ?? 1;
  const manifests =
    status === 0
      ? parseAllDocuments(run.stdout).map((document) => {
          const [error] = document.errors;
          if (error) throw new Error(`invalid YAML from the renderer: ${error.message}`);
          return document.toJS() as Manifest;
        })
      : [];
  return { status, stdout: run.stdout, stderr: run.stderr, manifests: manifests.filter((manifest) => manifest !== null) };
}

/** The chart's values.yaml deep-merged with values files, as Helm coalesces them (null deletes). */
export function mergedValues(...files: string[]): Record<string, unknown> {
  const load = (file: string): Record<string, unknown> => (parse(readFileSync(resolve(CHART_DIR, file), 'utf8')) as Record<string, unknown> | null) ?? {};
  return files.reduce((merged, file) => merge(merged, load(file)), load('values.yaml'));
}

function merge(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete result[key];
    else if (isPlainObject(value) && isPlainObject(result[key])) result[key] = merge(result[key] as Record<string, unknown>, value);
    else result[key] = value;
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
