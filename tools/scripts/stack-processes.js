// The local stack `npm start` runs: the dev identity and the four services, each on its own port,
// all bound to one demo tenant. Every variable here is a development value; production takes
// them from the Helm chart's operator-provided secrets.
const { randomBytes } = require('node:crypto');

const SERVICES = [
  { name: 'ingest', port: 3001 },
  { name: 'crm-sync', port: 3002 },
  { name: 'identity-bridge', port: 3003 },
  { name: 'risk', port: 3004 },
];

const DEV_IDENTITY_PORT = 4100;

function stackEnvironment({ tenantId, databaseUrl }) {
  const identityUrl = `http://127.0.0.1:${DEV_IDENTITY_PORT}`;
  return {
    identityUrl,
    adminKey: process.env.DEV_IDENTITY_ADMIN_KEY || `dev-admin-${randomBytes(12).toString('hex')}`,
    shared: {
      TENANT_ID: tenantId,
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
      RABBITMQ_URL: process.env.RABBITMQ_URL || 'amqp://guest:guest@127.0.0.1:5672',
      IDENTITY_URL: identityUrl,
      IDENTITY_ISSUER: identityUrl,
      LOG_LEVEL: process.env.LOG_LEVEL || 'info',
    },
  };
}

function processDefinitions({ shared, adminKey, identityUrl }) {
  return [
    {
      name: 'dev-identity',
      script: 'dist/tools/dev-identity/src/main.js',
      readyUrl: `${identityUrl}/healthz`,
      env: {
        DEV_IDENTITY_PORT: String(DEV_IDENTITY_PORT),
        DEV_IDENTITY_HOST: '127.0.0.1',
        DEV_IDENTITY_ADMIN_KEY: adminKey,
        DEV_IDENTITY_ISSUER: identityUrl,
        RABBITMQ_URL: shared.RABBITMQ_URL,
        LOG_LEVEL: shared.LOG_LEVEL,
      },
    },
    ...SERVICES.map((service) => ({
      name: service.name,
      script: `dist/apps/${service.name}/src/main.js`,
      port: service.port,
      readyUrl: `http://127.0.0.1:${service.port}/health/ready`,
      env: { ...shared, PORT: String(service.port) },
    })),
  ];
}

module.exports = { SERVICES, DEV_IDENTITY_PORT, stackEnvironment, processDefinitions };
