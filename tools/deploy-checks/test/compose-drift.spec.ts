import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import {
  composeBuildArgs,
  composeDependencies,
  composeEnvironment,
  composePorts,
  composeService,
  readComposeFile,
  type ComposeService,
} from '@sentinel/testing';

/**
 * Deployment drift checks: docker-compose.yml, docker/Dockerfile, .dockerignore and the runtime
 * alias preload against the code. Each service's own config class is checked from its project
 * (apps/<app>/test/compose-config.spec.ts, tools/dev-identity/test/compose-config.spec.ts, through
 * describeComposeConfig): Nx forbids importing an application from here.
 * Nothing here needs Docker.
 */

const ROOT = resolve(__dirname, '../../..');
// Plain CommonJS with its own .d.ts (`npm start` runs it before anything is compiled); required by
// path, since Nx lets no project import files outside the projects.
const { SERVICE_NODE_OPTIONS } = require(join(ROOT, 'tools/scripts/stack-processes.js')) as typeof import('../../scripts/stack-processes');
const APPS = readdirSync(join(ROOT, 'apps')).filter((name) => existsSync(join(ROOT, 'apps', name, 'src', 'main.ts')));
const INFRASTRUCTURE = ['postgres', 'redis', 'rabbitmq'];
const BUILT = [...APPS, 'dev-identity', 'migrate'];

const compose = readComposeFile();
const service = (name: string): ComposeService => composeService(compose, name);
const env = (name: string): Record<string, string> => composeEnvironment(service(name));

// ------------------------------------------------------------------------------ Dockerfile model

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** Instructions grouped by stage: comments dropped, `\` continuations joined. */
function parseDockerfile(text: string): { globalArgs: Instruction[]; stages: Stage[] } {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && pending === '')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(pending + line);
    pending = '';
  }
  const globalArgs: Instruction[] = [];
  const stages: Stage[] = [];
  for (const line of logical.filter((entry) => entry !== '')) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args };
    if (instruction.keyword === 'FROM') {
      const [, from = '', name] = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({ from, name, instructions: [] });
    } else if (stages.length === 0) {
      globalArgs.push(instruction);
    } else {
      stages[stages.length - 1]!.instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

/** The stage and every stage it is built `FROM`, nearest last (what the final image inherits). */
function lineage(stages: Stage[], stage: Stage): Stage[] {
  const parent = stages.find((candidate) => candidate.name !== undefined && candidate.name === stage.from);
  return parent ? [...lineage(stages, parent), stage] : [stage];
}

/** The effective value of an instruction for an image built from `stage` (the last one wins). */
function effective(stages: Stage[], stage: Stage, keyword: string): string | undefined {
  const found = lineage(stages, stage).flatMap((entry) => entry.instructions.filter((item) => item.keyword === keyword));
  return found[found.length - 1]?.args;
}

/** ENV values of an image built from `stage` (`ENV A=1 B=2` form). */
function environmentOf(stages: Stage[], stage: Stage): Record<string, string> {
  const values: Record<string, string> = {};
  for (const entry of lineage(stages, stage)) {
    for (const instruction of entry.instructions.filter((item) => item.keyword === 'ENV')) {
      for (const [, key = '', value = ''] of instruction.args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) {
        values[key] = value.replace(/^"|"$/g, '');
      }
    }
  }
  return values;
}

function dockerfileOf(name: string): { path: string; text: string } {
  const build = service(name).build;
  expect(build).toEqual(expect.objectContaining({ dockerfile: expect.any(String) }));
  const settings = typeof build === 'object' ? build : { context: build };
  const path = resolve(ROOT, settings.context ?? '.', settings.dockerfile ?? 'Dockerfile');
  return { path, text: readFileSync(path, 'utf8') };
}

/** The stage a service's image is: the build target, or the `service-<APP>` stage the last FROM picks. */
function imageStage(name: string): { stages: Stage[]; stage: Stage } {
  const { text } = dockerfileOf(name);
  const { stages } = parseDockerfile(text);
  const build = service(name).build;
  const target = typeof build === 'object' ? build.target : undefined;
  const last = stages[stages.length - 1]!;
  const stageName = target ?? last.from.replace(/\$\{?APP\}?/, composeBuildArgs(service(name)).APP ?? '');
  const stage = stages.find((candidate) => candidate.name === stageName);
  if (!stage) throw new Error(`${name}: the Dockerfile has no stage "${stageName}"`);
  // When the last stage only selects another one, the image is that stage plus the last stage's own lines.
  return { stages, stage: target ? stage : { ...last, from: stage.name!, instructions: last.instructions } };
}

// ------------------------------------------------------------------------------ compose services

describe('docker-compose.yml services', () => {
  it('has every app under apps/, the dev identity, the migration job and the infrastructure', () => {
    expect(APPS.sort()).toEqual(['crm-sync', 'identity-bridge', 'ingest', 'risk']);
    expect(Object.keys(compose.services).sort()).toEqual([...BUILT, ...INFRASTRUCTURE].sort());
  });

  it.each(INFRASTRUCTURE)('%s has a healthcheck', (name) => {
    expect(service(name).healthcheck?.test).toBeDefined();
  });

  it('uses the versions the stack is tested with', () => {
    expect(service('postgres').image).toMatch(/^postgres:15(\.|$)/);
    expect(service('redis').image).toMatch(/^redis:7(\.|$)/);
    expect(service('rabbitmq').image).toMatch(/^rabbitmq:3(\.\d+)?-management$/);
  });

  it.each(APPS)('%s serves the demo tenant', (name) => {
    expect(env(name).TENANT_ID).toBe('demo');
  });

  it.each(APPS)('%s waits for healthy infrastructure, the dev identity and a completed migration', (name) => {
    expect(composeDependencies(service(name))).toEqual({
      postgres: 'service_healthy',
      redis: 'service_healthy',
      rabbitmq: 'service_healthy',
      'dev-identity': 'service_healthy',
      migrate: 'service_completed_successfully',
    });
  });

  it('publishes the four apps on distinct host ports 3001-3004, each onto the port it listens on', () => {
    const published = APPS.map((name) => {
      const ports = composePorts(service(name));
      expect(ports).toHaveLength(1);
      expect(ports[0]!.target).toBe(Number(env(name).PORT));
      return ports[0]!.published;
    });
    expect([...published].sort()).toEqual([3001, 3002, 3003, 3004]);
  });

  it('publishes every port on the loopback only', () => {
    for (const name of Object.keys(compose.services)) {
      for (const port of composePorts(service(name))) expect({ name, hostIp: port.hostIp }).toEqual({ name, hostIp: '127.0.0.1' });
    }
  });

  it('points every service URL at a service of this file', () => {
    for (const name of [...APPS, 'dev-identity', 'migrate']) {
      const urls = Object.entries(env(name)).filter(([key]) => key.endsWith('_URL') || key === 'DEV_IDENTITY_ISSUER');
      const strangers = urls.filter(([, value]) => !(new URL(value).hostname in compose.services)).map(([key]) => `${name}: ${key}`);
      expect(strangers).toEqual([]);
    }
  });

  it('runs the Node containers read-only, as in production, with only /tmp writable', () => {
    for (const name of BUILT) {
      expect({ name, readOnly: service(name).read_only, tmpfs: service(name).tmpfs }).toEqual({ name, readOnly: true, tmpfs: ['/tmp'] });
    }
  });
});

describe('docker-compose.yml: the dev identity and the migration job', () => {
  // DevIdentityEnv itself is checked in tools/dev-identity/test/compose-config.spec.ts.
  const identity = () => {
    const environment = env('dev-identity');
    return {
      port: Number(environment.DEV_IDENTITY_PORT ?? 4100),
      issuer: environment.DEV_IDENTITY_ISSUER,
      audience: environment.DEV_IDENTITY_AUDIENCE ?? 'sentinel',
    };
  };

  it('the dev identity publishes its events on the stack broker, with an explicit issuer', () => {
    expect(env('dev-identity').RABBITMQ_URL).toBe(env(APPS[0]!).RABBITMQ_URL);
    expect(identity().issuer).toBeDefined();
  });

  it.each(APPS)('%s trusts the tokens the dev identity mints (issuer, audience and URL agree)', (name) => {
    const app = env(name);
    expect(app.IDENTITY_ISSUER).toBe(identity().issuer);
    expect(app.IDENTITY_AUDIENCE ?? 'sentinel').toBe(identity().audience);
    const url = new URL(app.IDENTITY_URL!);
    expect({ host: url.hostname, port: Number(url.port) }).toEqual({ host: 'dev-identity', port: identity().port });
  });

  it('the migration job migrates the database the apps use, before they start', () => {
    const database = (environment: Record<string, string>) => {
      const url = new URL(environment.DATABASE_DIRECT_URL ?? environment.DATABASE_URL!);
      return `${url.host}${url.pathname}`;
    };
    expect(env('migrate').DATABASE_URL).toBeDefined();
    for (const name of APPS) expect({ name, database: database(env(name)) }).toEqual({ name, database: database(env('migrate')) });
    expect(composeDependencies(service('migrate'))).toEqual({ postgres: 'service_healthy' });
    expect(service('migrate').restart).toBe('no');
  });
});

// ------------------------------------------------------------------------------ images

describe('images: docker/Dockerfile', () => {
  it.each(BUILT)('%s is built from a Dockerfile that exists, for an entry point that exists', (name) => {
    const { path } = dockerfileOf(name);
    expect(existsSync(path)).toBe(true);
    const { stages, stage } = imageStage(name);
    const main = environmentOf(stages, stage).SERVICE_MAIN;
    expect(main).toMatch(/^dist\/.+\.js$/);
    // dist/<path>.js is compiled from <path>.ts (tsconfig.build.json keeps the repository layout).
    expect(existsSync(join(ROOT, main!.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
  });

  it.each(BUILT)('%s runs as a non-root user with the alias preload', (name) => {
    const { stages, stage } = imageStage(name);
    const user = effective(stages, stage, 'USER');
    expect(user).toBeDefined();
    expect(user!.split(':')[0]).not.toMatch(/^(root|0)$/);
    expect(effective(stages, stage, 'CMD')).toContain('-r ./tools/runtime/register-paths.js');
  });

  it.each([...APPS, 'dev-identity'])('%s has a HEALTHCHECK run by node against its health route, and EXPOSEs its port', (name) => {
    const { stages, stage } = imageStage(name);
    const healthcheck = effective(stages, stage, 'HEALTHCHECK');
    expect(healthcheck).toMatch(/CMD \["node"/);
    const environment = environmentOf(stages, stage);
    expect(environment.HEALTHCHECK_PATH).toBe(name === 'dev-identity' ? '/healthz' : '/health/live');
    const portVariable = environment.HEALTHCHECK_PORT_VARIABLE!;
    expect(portVariable).toBe(name === 'dev-identity' ? 'DEV_IDENTITY_PORT' : 'PORT');
    expect(effective(stages, stage, 'EXPOSE')).toBe(environment[portVariable]);
  });

  it.each(APPS)("%s's image runs with the Node options of the local stack and the benches (tools/scripts/stack-processes.js)", (name) => {
    const { stages, stage } = imageStage(name);
    expect(environmentOf(stages, stage).NODE_OPTIONS).toBe(SERVICE_NODE_OPTIONS[name]);
    // Compose would replace the image's value; the chart's extraEnv is the operator's own choice.
    expect(env(name).NODE_OPTIONS).toBeUndefined();
  });

  it('the migration job is one-shot: no HEALTHCHECK', () => {
    const { stages, stage } = imageStage('migrate');
    expect(effective(stages, stage, 'HEALTHCHECK')).toBe('NONE');
  });

  it('is multi-stage: npm ci and the build in one stage, production dependencies only in the image', () => {
    const { stages, globalArgs } = parseDockerfile(readFileSync(join(ROOT, 'docker/Dockerfile'), 'utf8'));
    expect(stages.filter((stage) => stage.name !== undefined).length).toBeGreaterThanOrEqual(3);
    expect(globalArgs.map((arg) => arg.args)).toContain('NODE_IMAGE=node:20-bookworm-slim');
    const runs = (stage: Stage | undefined) => stage?.instructions.filter((item) => item.keyword === 'RUN').map((item) => item.args).join('\n') ?? '';
    const build = stages.find((stage) => stage.name === 'build');
    expect(runs(build)).toMatch(/npm ci(?! [^\n]*--omit=dev)/);
    expect(runs(build)).toContain('npm run build');
    expect(runs(stages.find((stage) => stage.name === 'prod-deps'))).toContain('npm ci --omit=dev');
    const runtime = stages.find((stage) => stage.name === 'runtime')!;
    const copies = runtime.instructions.filter((item) => item.keyword === 'COPY').map((item) => item.args);
    expect(copies).toContainEqual(expect.stringMatching(/^--from=prod-deps \S+node_modules/));
    expect(copies).toContainEqual(expect.stringMatching(/^--from=build \S+dist/));
    expect(copies.filter((copy) => /^--from=build\b/.test(copy) && /node_modules/.test(copy))).toEqual([]);
    // The shared runtime stage runs nothing: code and dependencies arrive by COPY only.
    expect(runs(runtime)).toBe('');
  });

  it('has a .dockerignore that keeps local state and build output out of the context', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git', '.env']));
  });
});

// ------------------------------------------------------------------------------ runtime alias preload

describe('tools/runtime/register-paths.js', () => {
  const preload = join(ROOT, 'tools/runtime/register-paths.js');
  const { compilerOptions } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  let dist: string;

  beforeAll(() => {
    // A stand-in compiled tree: one file per alias target, where tsc would put it.
    dist = mkdtempSync(join(tmpdir(), 'sentinel-dist-'));
    for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
      const file = join(dist, target!.replace(/\.ts$/, '.js'));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `module.exports = ${JSON.stringify(alias)};\n`);
    }
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  function resolveWithPreload(requests: string[], cwd: string): Record<string, string> {
    const script = `process.stdout.write(JSON.stringify(Object.fromEntries(${JSON.stringify(requests)}.map((r) => { try { return [r, require.resolve(r)]; } catch (e) { return [r, e.code]; } }))))`;
    const result = spawnSync(process.execPath, ['-r', preload, '-e', script], {
      cwd,
      env: { ...process.env, SENTINEL_DIST_DIR: dist },
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as Record<string, string>;
  }

  it('maps every @sentinel/* alias of tsconfig.base.json to its compiled file under the dist root', () => {
    const aliases = Object.keys(compilerOptions.paths);
    expect(aliases).toEqual(expect.arrayContaining(['@sentinel/config', '@sentinel/dev-identity', '@sentinel/platform']));
    // From a foreign working directory: the dist root is found from the preload's own location.
    const resolved = resolveWithPreload(aliases, tmpdir());
    for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
      expect(resolved[alias]).toBe(join(dist, target!.replace(/\.ts$/, '.js')));
    }
  });

  it('leaves packages and unknown names to Node (no match-all on the dist root)', () => {
    writeFileSync(join(dist, 'yaml.js'), '');
    const resolved = resolveWithPreload(['yaml', '@sentinel/not-a-lib'], ROOT);
    expect(resolved.yaml).toBe(require.resolve('yaml'));
    expect(resolved['@sentinel/not-a-lib']).toBe('MODULE_NOT_FOUND');
  });

  it('is what package.json and the Dockerfile start services with', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['db:migrate']).toContain('-r ./tools/runtime/register-paths.js');
    expect(readFileSync(join(ROOT, 'docker/Dockerfile'), 'utf8')).toContain('COPY tools/runtime/register-paths.js');
  });
});
