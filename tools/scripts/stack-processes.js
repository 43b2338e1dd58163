// The local stack `npm start` runs: the dev identity, the provider fakes and the four services, each on its own port,
// all bound to one demo tenant. Every variable here is a development value; production takes
// them from the Helm chart's operator-provided secrets.
const { randomBytes } = require('node:crypto');

const INGEST_PORT = 3001;
const SERVICES = [
  { name: 'ingest', port: INGEST_PORT },
  { name: 'crm-sync', port: 3002 },
  { name: 'identity-bridge', port: 3003 },
  { name: 'risk', port: 3004 },
];

/**
 * Node options a service runs with, wherever it runs: docker/Dockerfile's service stage sets the
 * same NODE_OPTIONS (tools/deploy-checks holds them equal), and the ingest-gate bench runs the worker
 * with them. V8 reads them at startup only. ingest: a 64 MiB semi-space (the default is 16). The
 * gate keeps about 6,000 decoded items in flight, and each young-generation collection copies the
 * ones alive; with four times the room, a round of the bench met 2 collections instead of 9-10 and
 * spent about half the time in them (bench/README.md). The cost is up to 144 MiB more young
 * generation, inside the ingest pod's memory limit (k8s/sentinel/values.yaml).
 */
const SERVICE_NODE_OPTIONS = { ingest: '--max-semi-space-size=64' };

const DEV_IDENTITY_PORT = 4100;
const FAKE_PORTS = { control: 4200, hubspot: 4201, salesforce: 4202, slack: 4203, google: 4204 };
// Public development values (docker-compose.yml uses the same ones); never used in production.
const DEV_ENCRYPTION_KEY = 'ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=';
const DEV_SYSTEM_API_TOKEN = 'dev-only-system-api-token-do-not-use-in-production';
const DEV_SLACK_SIGNING_SECRET = 'dev-only-slack-signing-secret';
const CRM_SYNC_PORT = 3002;

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
      SYSTEM_API_TOKEN: process.env.SYSTEM_API_TOKEN || DEV_SYSTEM_API_TOKEN,
      LOG_LEVEL: process.env.LOG_LEVEL || 'info',
    },
    fakesUrl: `http://127.0.0.1:${FAKE_PORTS.control}`,
    slackSigningSecret: DEV_SLACK_SIGNING_SECRET,
  };
}

// What each service reads beyond the shared variables: every provider points at the local fakes.
function serviceEnvironment(name) {
  const fakes = (port) => `http://127.0.0.1:${port}`;
  if (name === 'crm-sync') {
    return {
      INTEGRATION_ENCRYPTION_KEY: DEV_ENCRYPTION_KEY,
      HUBSPOT_API_URL: fakes(FAKE_PORTS.hubspot),
      HUBSPOT_AUTHORIZE_URL: `${fakes(FAKE_PORTS.control)}/hubspot/oauth/authorize`,
      HUBSPOT_CLIENT_ID: 'dev-hubspot-client',
      HUBSPOT_CLIENT_SECRET: 'dev-hubspot-secret',
      SALESFORCE_LOGIN_URL: fakes(FAKE_PORTS.salesforce),
      SALESFORCE_CLIENT_ID: 'dev-salesforce-client',
      SALESFORCE_CLIENT_SECRET: 'dev-salesforce-secret',
      OAUTH_STATE_SECRET: 'dev-only-oauth-state-secret-0123456789',
      OAUTH_CALLBACK_ORIGIN: `http://127.0.0.1:${CRM_SYNC_PORT}`,
      OAUTH_COOKIE_SECURE: 'false',
    };
  }
  if (name === 'ingest') {
    return {
      INTEGRATION_ENCRYPTION_KEY: DEV_ENCRYPTION_KEY,
      SLACK_SIGNING_SECRET: DEV_SLACK_SIGNING_SECRET,
      SLACK_API_URL: `${fakes(FAKE_PORTS.slack)}/api/`,
      SLACK_AUTHORIZE_URL: `${fakes(FAKE_PORTS.slack)}/oauth/v2/authorize`,
      SLACK_CLIENT_ID: 'dev-slack-client',
      SLACK_CLIENT_SECRET: 'dev-slack-secret',
      GOOGLE_API_URL: `${fakes(FAKE_PORTS.google)}/`,
      GOOGLE_TOKEN_URL: `${fakes(FAKE_PORTS.google)}/token`,
      GOOGLE_AUTHORIZE_URL: `${fakes(FAKE_PORTS.google)}/o/oauth2/v2/auth`,
      GOOGLE_CLIENT_ID: 'dev-google-client',
      GOOGLE_CLIENT_SECRET: 'dev-google-secret',
      // Short, so the demo's mailbox and calendar changes show up within seconds.
      GOOGLE_POLL_INTERVAL_SECONDS: '2',
      OAUTH_STATE_SECRET: 'dev-only-oauth-state-secret-0123456789',
      OAUTH_CALLBACK_ORIGIN: `http://127.0.0.1:${INGEST_PORT}`,
      OAUTH_COOKIE_SECURE: 'false',
    };
  }
  return {};
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
    {
      name: 'fakes',
      script: 'dist/tools/fakes/src/main.js',
      readyUrl: `http://127.0.0.1:${FAKE_PORTS.control}/health`,
      env: {
        FAKES_CONTROL_PORT: String(FAKE_PORTS.control),
        FAKE_HUBSPOT_PORT: String(FAKE_PORTS.hubspot),
        FAKE_SALESFORCE_PORT: String(FAKE_PORTS.salesforce),
        FAKE_SLACK_PORT: String(FAKE_PORTS.slack),
        FAKE_GOOGLE_PORT: String(FAKE_PORTS.google),
        LOG_LEVEL: shared.LOG_LEVEL,
      },
    },
    ...SERVICES.map((service) => ({
      name: service.name,
      script: `dist/apps/${service.name}/src/main.js`,
      port: service.port,
      service: true,
      readyUrl: `http://127.0.0.1:${service.port}/health/ready`,
      env: {
        ...shared,
        ...serviceEnvironment(service.name),
        ...(SERVICE_NODE_OPTIONS[service.name] ? { NODE_OPTIONS: SERVICE_NODE_OPTIONS[service.name] } : {}),
        PORT: String(service.port),
      },
    })),
  ];
}

// What the demo (tools/demo) needs to reach the running stack.
function demoEnvironment(environment) {
  const url = (name) => `http://127.0.0.1:${SERVICES.find((service) => service.name === name).port}`;
  return {
    TENANT_ID: environment.shared.TENANT_ID,
    IDENTITY_URL: environment.identityUrl,
    DEV_IDENTITY_ADMIN_KEY: environment.adminKey,
    FAKES_URL: environment.fakesUrl,
    INGEST_URL: url('ingest'),
    CRM_SYNC_URL: url('crm-sync'),
    IDENTITY_BRIDGE_URL: url('identity-bridge'),
    RISK_URL: url('risk'),
    DATABASE_URL: environment.shared.DATABASE_URL,
    SLACK_SIGNING_SECRET: environment.slackSigningSecret,
  };
}

module.exports = { SERVICES, SERVICE_NODE_OPTIONS, DEV_IDENTITY_PORT, FAKE_PORTS, stackEnvironment, processDefinitions, demoEnvironment };
