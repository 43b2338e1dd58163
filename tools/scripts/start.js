#!/usr/bin/env node
// `npm start`, the README's main line: local services, build, database and migrations, the dev
// identity, the provider fakes and the four services for the demo tenant, then where everything is.
const { resolve } = require('node:path');
const { Client } = require('pg');
const { ensureLocalServices } = require('./local-services');
const { runStep } = require('./run-steps');
const { spawn } = require('node:child_process');
const { FAKE_PORTS, demoEnvironment, processDefinitions, stackEnvironment } = require('./stack-processes');
const { Supervisor } = require('./supervisor');

const ROOT = resolve(__dirname, '../..');
const TENANT_ID = process.env.TENANT_ID || 'demo';
const ADMIN_URL = process.env.POSTGRES_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE_NAME = process.env.DEMO_DATABASE || `sentinel_${TENANT_ID.replace(/-/g, '_')}`;

async function ensureDatabase() {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${DATABASE_NAME}"`);
  } finally {
    await client.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DATABASE_NAME}`;
  return url.toString();
}

async function waitReady(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 500));
  }
  return false;
}

// Asynchronous on purpose: the supervisor keeps draining the services' logs while the demo runs.
function runDemo(environment) {
  process.stdout.write('\n▶ Demo tenant (seed, connect HubSpot, Slack, Gmail and Calendar, sync, Slack events)\n');
  const child = spawn(process.execPath, ['-r', './tools/runtime/register-paths.js', 'dist/tools/demo/src/main.js'], {
    cwd: ROOT,
    env: { ...process.env, ...demoEnvironment(environment) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return new Promise((resolveExit) => child.on('exit', (code) => resolveExit(code === 0)));
}

async function main() {
  process.stdout.write('▶ Local services\n');
  const problems = await ensureLocalServices();
  if (problems.length > 0) {
    for (const problem of problems) process.stderr.write(`✗ ${problem}\n`);
    process.exit(1);
  }
  runStep('Build (tsc)', 'npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT });
  const databaseUrl = await ensureDatabase();
  runStep(`Migrations (database ${DATABASE_NAME})`, process.execPath, ['-r', './tools/runtime/register-paths.js', 'dist/tools/migrate/src/main.js'], {
    cwd: ROOT,
    env: { DATABASE_URL: databaseUrl },
  });

  const environment = stackEnvironment({ tenantId: TENANT_ID, databaseUrl });
  const definitions = processDefinitions(environment);
  const supervisor = new Supervisor(ROOT);
  process.on('SIGINT', () => void supervisor.stopAll(0));
  process.on('SIGTERM', () => void supervisor.stopAll(0));

  process.stdout.write('\n▶ Starting the stack\n');
  const support = definitions.filter((definition) => !definition.service);
  const services = definitions.filter((definition) => definition.service);
  // A process that never gets ready stops the others too: nothing is left running behind the error.
  const notReady = async (definition) => {
    process.stderr.write(`✗ ${definition.name} did not become ready\n`);
    await supervisor.stopAll(1);
  };
  support.forEach((definition, index) => supervisor.start(definition, index));
  for (const definition of support) {
    if (!(await waitReady(definition.readyUrl, 30_000))) return notReady(definition);
  }
  services.forEach((definition, index) => supervisor.start(definition, support.length + index));
  for (const definition of services) {
    if (!(await waitReady(definition.readyUrl, 60_000))) return notReady(definition);
  }

  const lines = [
    '',
    `Sentinel is running for tenant "${TENANT_ID}" (Ctrl-C stops everything).`,
    '',
    ...services.map(
      (definition) =>
        `  ${definition.name.padEnd(16)} API http://127.0.0.1:${definition.port}   docs http://127.0.0.1:${definition.port}/docs   ready http://127.0.0.1:${definition.port}/health/ready`,
    ),
    `  ${'dev identity'.padEnd(16)} ${environment.identityUrl}   (admin key: ${environment.adminKey})`,
    `  ${'provider fakes'.padEnd(16)} HubSpot :${FAKE_PORTS.hubspot}   Salesforce :${FAKE_PORTS.salesforce}   Slack :${FAKE_PORTS.slack}   Google :${FAKE_PORTS.google}   seeding ${environment.fakesUrl}`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!(await runDemo(environment))) {
    process.stderr.write('✗ the demo could not be seeded (the stack keeps running; see the error above)\n');
    if (process.env.SENTINEL_START_ONCE === '1') return supervisor.stopAll(1);
  }
  if (process.env.SENTINEL_START_ONCE === '1') await supervisor.stopAll(0);
}

main().catch((error) => {
  process.stderr.write(`✗ ${error.message}\n`);
  process.exit(1);
});
