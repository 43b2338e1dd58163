import 'reflect-metadata';
import { type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { METRICS_REGISTRY, ObservabilityModule } from '@sentinel/observability';
import { Logger } from 'nestjs-pino';
import { Counter, type Registry } from 'prom-client';
import { PiiCanary } from '../src/pii-canary';

/** A canary that cannot fail proves nothing: each way a marker can leak must be found. */
describe('PiiCanary', () => {
  const canary = PiiCanary.start();
  const contact = canary.email('contact');
  const label = canary.name('label');
  let app: INestApplication;

  @Module({ imports: [ObservabilityModule.forRoot({ service: 'canary-spec', tenantId: 't', logLevel: 'trace' })] })
  class LeakingModule {}

  beforeAll(async () => {
    app = await NestFactory.create(LeakingModule, { logger: false });
    await app.init();
    canary.watch('canary-spec', app);
  });

  afterAll(async () => {
    await app.close();
    canary.stop();
  });

  it('finds a marker in a log line of any level, whatever its case, and in a metric label', async () => {
    app.get(Logger).verbose({ participant: contact.toUpperCase() }, 'a careless trace line');
    const registry = app.get<Registry>(METRICS_REGISTRY);
    new Counter({ name: 'careless_total', help: 'labels a person', labelNames: ['who'], registers: [registry] }).inc({ who: label });

    const leaks = await canary.leaks();
    expect(leaks.map((leak) => [leak.marker, leak.where])).toEqual([
      [contact.split('@')[0], 'log'],
      [label, 'metrics of canary-spec'],
    ]);
    await expect(canary.expectNoLeaks()).rejects.toThrow('personal data reached logs or metrics');
  });

  it('refuses to pass when it captured nothing', async () => {
    await expect(new PiiCanary().expectNoLeaks()).rejects.toThrow('captured 0 log lines from 0 services');
  });
});
