#!/usr/bin/env node
'use strict';
/**
 * Prints, as JSON, the environment the Helm chart (k8s/sentinel) gives one service's container:
 *
 *   node tools/helm-render/chart-env.js <service> [values.yaml ...]
 *   -> { "service": "ingest", "names": [...], "environment": { "TENANT_ID": "acme", ... } }
 *
 * `names` are every variable the Deployment sets; `environment` has the literal values, and for
 * variables read from the operator's Secret a valid stand-in (a secret value is never in the
 * chart). The apps' test/helm-env.spec.ts run this as a process (an app may not import a tool)
 * and check `names` against their config class and `environment` against its validation.
 * Values files default to k8s/sentinel/ci/minimal-values.yaml. Builds the renderer if needed
 * (ensure-go.sh); exits non-zero with the renderer's message when the chart does not render.
 */
const { execFileSync, spawnSync } = require('node:child_process');
const { resolve } = require('node:path');
const { parseAllDocuments } = require('yaml');

const ROOT = resolve(__dirname, '../..');
const CHART_DIR = resolve(ROOT, 'k8s/sentinel');

/** Stand-ins that pass the services' validation for what the Secret provides. */
const SECRET_STAND_INS = {
  DATABASE_URL: 'postgres://sentinel:stand-in@postgres.example.internal:5432/sentinel',
  DATABASE_DIRECT_URL: 'postgres://sentinel:stand-in@postgres.example.internal:5432/sentinel',
  REDIS_URL: 'redis://redis.example.internal:6379',
  RABBITMQ_URL: 'amqp://sentinel:stand-in@rabbitmq.example.internal:5672',
  SYSTEM_API_TOKEN: 'stand-in-system-token-of-at-least-32-characters',
  // 32 zero bytes, base64: the key ring's single-key form.
  INTEGRATION_ENCRYPTION_KEY: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
};

function chartEnvironment(service, valuesFiles) {
  const binary = execFileSync('bash', [resolve(__dirname, 'ensure-go.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
    .trim()
    .split('\n')
    .pop();
  const files = valuesFiles.length > 0 ? valuesFiles : [resolve(CHART_DIR, 'ci/minimal-values.yaml')];
  const run = spawnSync(binary, [...files.flatMap((file) => ['-f', resolve(file)]), CHART_DIR], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the chart did not render: ${run.stderr.trim()}`);
  const deployment = parseAllDocuments(run.stdout)
    .map((document) => document.toJS())
    .find((object) => object && object.kind === 'Deployment' && object.metadata.labels['app.kubernetes.io/component'] === service);
  if (!deployment) throw new Error(`the chart renders no Deployment for "${service}"`);
  const container = deployment.spec.template.spec.containers.find((candidate) => candidate.name === service);
  if (!container) throw new Error(`the "${service}" Deployment has no container named "${service}"`);
  const environment = {};
  for (const variable of container.env || []) {
    if (variable.value !== undefined) environment[variable.name] = String(variable.value);
    else if (SECRET_STAND_INS[variable.name] !== undefined) environment[variable.name] = SECRET_STAND_INS[variable.name];
    else if (variable.valueFrom && variable.valueFrom.secretKeyRef && !variable.valueFrom.secretKeyRef.optional) environment[variable.name] = 'stand-in';
  }
  return { service, names: (container.env || []).map((variable) => variable.name).sort(), environment };
}

if (require.main === module) {
  const [service, ...valuesFiles] = process.argv.slice(2);
  if (!service) {
    process.stderr.write('usage: node tools/helm-render/chart-env.js <ingest|crm-sync|identity-bridge|risk> [values.yaml ...]\n');
    process.exit(2);
  }
  try {
    process.stdout.write(`${JSON.stringify(chartEnvironment(service, valuesFiles), null, 2)}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

module.exports = { chartEnvironment };
