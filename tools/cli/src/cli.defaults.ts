// Where `npm start` runs everything (tools/scripts/stack-processes.js); each is overridable by its
// environment variable, then by the command's option.
export const DEFAULTS = {
  databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/sentinel_demo',
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  rabbitmqUrl: process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
  identityUrl: process.env.IDENTITY_URL ?? 'http://127.0.0.1:4100',
  crmSyncUrl: process.env.CRM_SYNC_URL ?? 'http://127.0.0.1:3002',
  services: {
    ingest: process.env.INGEST_URL ?? 'http://127.0.0.1:3001',
    'crm-sync': process.env.CRM_SYNC_URL ?? 'http://127.0.0.1:3002',
    'identity-bridge': process.env.IDENTITY_BRIDGE_URL ?? 'http://127.0.0.1:3003',
    risk: process.env.RISK_URL ?? 'http://127.0.0.1:3004',
  },
} as const;

/** Per-call deadline: a dependency slower than this counts as unavailable. */
export const CALL_TIMEOUT_MS = 3_000;
