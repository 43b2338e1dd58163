import { Logger } from '@nestjs/common';
import { loadConfigOrExit, type BaseServiceEnv } from '@sentinel/config';
import { createServiceApp } from './create-service-app';
import type { ServiceDefinition } from './service-definition';

/**
 * Process entry point: validate configuration (exit 78 naming the variable), build, listen.
 * A failure to start (e.g. the database stays unreachable) exits 1 with one line.
 */
export async function runService<TEnv extends BaseServiceEnv>(definition: ServiceDefinition<TEnv>): Promise<void> {
  try {
    await start(definition);
  } catch (error) {
    process.stderr.write(`${definition.name} failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

async function start<TEnv extends BaseServiceEnv>(definition: ServiceDefinition<TEnv>): Promise<void> {
  const config = loadConfigOrExit(definition.envSchema);
  const app = await createServiceApp(definition.rootModule(config), definition);
  await app.listen(config.PORT, process.env.HOST ?? '0.0.0.0');
  const base = `http://127.0.0.1:${config.PORT}`;
  new Logger(definition.name).log(`${definition.name} ready: API ${base}  docs ${base}/docs  health ${base}/health/ready`);
}
