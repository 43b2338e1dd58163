import { type INestApplication, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CacheModule } from '@sentinel/cache';
import { METRICS_REGISTRY, ObservabilityModule } from '@sentinel/observability';
import type { Registry } from 'prom-client';
import { FailedAttemptLimiter, PermissionModule, PolicyCacheService, type PermissionModuleOptions } from '../../src';
import {
  BenchTestController,
  ContactsTestController,
  DealsTestController,
  PublicTestController,
  SystemTestController,
} from './guarded-test.controllers';

export const GUARDED_TEST_CONTROLLERS: Type[] = [
  ContactsTestController,
  DealsTestController,
  SystemTestController,
  PublicTestController,
  BenchTestController,
];

export interface GuardedTestAppSettings {
  redisUrl: string;
  redisPrefix: string;
  permission: PermissionModuleOptions;
  controllers?: Type[];
}

export interface GuardedTestApp {
  app: INestApplication;
  url: string;
  metrics: Registry;
  policyCache: PolicyCacheService;
  limiter: FailedAttemptLimiter;
  close(): Promise<void>;
}

/** A tiny Nest app with the real permission module on real Redis, listening on loopback. */
export async function startGuardedTestApp(settings: GuardedTestAppSettings): Promise<GuardedTestApp> {
  const app = await createGuardedTestApp(settings);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    metrics: app.get<Registry>(METRICS_REGISTRY),
    policyCache: app.get(PolicyCacheService),
    limiter: app.get(FailedAttemptLimiter),
    close: () => app.close(),
  };
}

export async function createGuardedTestApp(settings: GuardedTestAppSettings): Promise<INestApplication> {
  @Module({
    imports: [
      ObservabilityModule.forRoot({ service: 'permission-test', tenantId: settings.permission.tenantId, logLevel: 'silent' }),
      CacheModule.forRoot({ url: settings.redisUrl, keyPrefix: settings.redisPrefix }),
      PermissionModule.forRoot(settings.permission),
    ],
    controllers: settings.controllers ?? GUARDED_TEST_CONTROLLERS,
  })
  class GuardedTestModule {}
  return NestFactory.create(GuardedTestModule, { logger: false, abortOnError: false });
}

/** Sum of a counter's samples whose labels include `labels`. */
export async function counterValue(registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = await registry.getSingleMetric(name)?.get();
  return (metric?.values ?? [])
    .filter((sample) => Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}
