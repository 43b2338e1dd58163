import { connect as connectAmqp } from 'amqplib';
import Redis from 'ioredis';
import { Client } from 'pg';
import { CALL_TIMEOUT_MS } from '../cli.defaults';

/** One line of `sentinel doctor`: what was checked, whether it is fine, and how to fix it if not. */
export interface CheckResult {
  name: string;
  kind: 'configuration' | 'dependency';
  ok: boolean;
  detail: string;
  fix?: string;
}

export interface DoctorTargets {
  databaseUrl: string;
  redisUrl: string;
  rabbitmqUrl: string;
  identityUrl: string;
  services: Record<string, string>;
}

const START_HINT = 'run `npm start` (or `docker compose up -d postgres redis rabbitmq`)';

/** Every URL must parse before anything is dialled: a typo is a configuration problem, not an outage. */
export function checkConfiguration(targets: DoctorTargets): CheckResult[] {
  const urls: Array<[string, string, string[]]> = [
    ['DATABASE_URL', targets.databaseUrl, ['postgres:', 'postgresql:']],
    ['REDIS_URL', targets.redisUrl, ['redis:', 'rediss:']],
    ['RABBITMQ_URL', targets.rabbitmqUrl, ['amqp:', 'amqps:']],
    ['IDENTITY_URL', targets.identityUrl, ['http:', 'https:']],
    ...Object.entries(targets.services).map(([name, url]): [string, string, string[]] => [`${name} URL`, url, ['http:', 'https:']]),
  ];
  return urls.map(([name, value, protocols]) => {
    const ok = parses(value, protocols);
    return {
      name,
      kind: 'configuration',
      ok,
      detail: ok ? 'valid' : `not a ${protocols.join(' / ')} URL`,
      ...(ok ? {} : { fix: `set ${name} (or the matching option) to a ${protocols[0]}// URL` }),
    };
  });
}

export async function checkDependencies(targets: DoctorTargets): Promise<CheckResult[]> {
  return Promise.all([
    probe('PostgreSQL', `start PostgreSQL on ${hostOf(targets.databaseUrl)}: ${START_HINT}; then \`npm run db:migrate\``, () => postgres(targets.databaseUrl)),
    probe('Redis', `start Redis on ${hostOf(targets.redisUrl)}: ${START_HINT}`, () => redis(targets.redisUrl)),
    probe('RabbitMQ', `start RabbitMQ on ${hostOf(targets.rabbitmqUrl)}: ${START_HINT}`, () => rabbitmq(targets.rabbitmqUrl)),
    probe('identity JWKS', `start the identity service (dev: \`npm start\` runs it on :4100) or fix IDENTITY_URL`, () => jwks(targets.identityUrl)),
    ...Object.entries(targets.services).map(([name, url]) =>
      probe(`${name} /health/ready`, `start ${name} (\`npm start\`); a 503 names the dependency it is missing`, () => ready(url)),
    ),
  ]);
}

async function probe(name: string, fix: string, check: () => Promise<string>): Promise<CheckResult> {
  try {
    return { name, kind: 'dependency', ok: true, detail: await check() };
  } catch (error) {
    return { name, kind: 'dependency', ok: false, detail: describe(error), fix };
  }
}

async function postgres(url: string): Promise<string> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: CALL_TIMEOUT_MS });
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string }>("SELECT current_setting('server_version') AS version");
    return `server ${rows[0]?.version ?? 'unknown'}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function redis(url: string): Promise<string> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: CALL_TIMEOUT_MS, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined); // reported through connect()'s rejection
  try {
    await client.connect();
    return `PING ${await client.ping()}`;
  } finally {
    client.disconnect();
  }
}

async function rabbitmq(url: string): Promise<string> {
  const connection = await connectAmqp(url, { timeout: CALL_TIMEOUT_MS });
  await connection.close();
  return 'AMQP handshake ok';
}

async function jwks(identityUrl: string): Promise<string> {
  const body = (await getJson(`${identityUrl.replace(/\/$/, '')}/.well-known/jwks.json`)) as { keys?: unknown[] };
  if (!Array.isArray(body.keys) || body.keys.length === 0) throw new Error('the key set has no keys');
  return `${body.keys.length} signing key(s)`;
}

async function ready(serviceUrl: string): Promise<string> {
  await getJson(`${serviceUrl.replace(/\/$/, '')}/health/ready`);
  return 'ready';
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as unknown;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

function parses(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
