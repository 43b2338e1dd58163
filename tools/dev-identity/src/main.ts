import { loadConfigOrExit } from '@sentinel/config';
import pino from 'pino';
import { DevIdentityEnv } from './dev-identity.env';
import type { SigningAlgorithm } from './dev-identity.types';
import { startDevIdentity } from './start-dev-identity';

async function main(): Promise<void> {
  const env = loadConfigOrExit(DevIdentityEnv);
  const logger = pino({ level: env.LOG_LEVEL, base: { service: 'dev-identity' } });
  const identity = await startDevIdentity({
    port: env.DEV_IDENTITY_PORT,
    host: env.DEV_IDENTITY_HOST,
    issuer: env.DEV_IDENTITY_ISSUER,
    audience: env.DEV_IDENTITY_AUDIENCE,
    adminKey: env.DEV_IDENTITY_ADMIN_KEY,
    algorithms: env.DEV_IDENTITY_ALGORITHMS.split(',') as SigningAlgorithm[],
    tokenTtlSeconds: env.DEV_IDENTITY_TOKEN_TTL_SECONDS,
    fault: { mode: env.DEV_IDENTITY_FAULT_MODE, delayMs: env.DEV_IDENTITY_FAULT_DELAY_MS },
    rabbitmqUrl: env.RABBITMQ_URL,
    exchange: env.IDENTITY_EXCHANGE,
    logger,
  });
  logger.info({ url: identity.url, issuer: identity.issuer, audience: identity.audience }, 'dev identity listening');

  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    identity.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ reason: error instanceof Error ? error.message : String(error) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(`dev identity failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
