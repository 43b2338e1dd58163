import 'reflect-metadata';
import { BadRequestException, CanActivate, Controller, Get, HttpCode, type INestApplication, Param, Post, UnauthorizedException, UseGuards } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Registry } from 'prom-client';
import request from 'supertest';
import { METRICS_REGISTRY } from './metrics.registry';
import { ObservabilityModule } from './observability.module';

class RefusingGuard implements CanActivate {
  canActivate(): boolean {
    throw new UnauthorizedException();
  }
}

@Controller('things')
class ThingsController {
  @Get(':id')
  read(@Param('id') id: string): { id: string } {
    return { id };
  }

  @Post()
  @HttpCode(202)
  async accept(): Promise<{ ok: true }> {
    await new Promise((resolve) => setImmediate(resolve));
    return { ok: true };
  }

  @Post('invalid')
  refuse(): never {
    throw new BadRequestException();
  }

  @Get('guarded/:id')
  @UseGuards(RefusingGuard)
  guarded(): string {
    return 'never';
  }
}

/** One sample of the registry (`name` may be a histogram's `_count` series), undefined when absent. */
async function sample(registry: Registry, name: string, labels: Record<string, string>): Promise<number | undefined> {
  const values = (await registry.getMetricsAsJSON()).flatMap(
    (metric) => metric.values.map((value) => ({ ...value, series: (value as { metricName?: string }).metricName ?? metric.name })),
  );
  return values.find((value) => value.series === name && Object.entries(labels).every(([key, wanted]) => String(value.labels[key]) === wanted))?.value;
}

describe('HTTP metrics middleware', () => {
  let app: INestApplication;
  let registry: Registry;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ObservabilityModule.forRoot({ service: 'metrics-test', tenantId: 't-metrics', logLevel: 'silent' })],
      controllers: [ThingsController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    registry = app.get<Registry>(METRICS_REGISTRY);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('counts each answered request once by method, route template (not the raw path) and the status sent', async () => {
    await request(app.getHttpServer()).get('/things/a@example.com').expect(200);
    await request(app.getHttpServer()).get('/things/42').expect(200);
    await request(app.getHttpServer()).post('/things').expect(202);

    expect(await sample(registry, 'http_requests_total', { method: 'GET', route: '/things/:id', status: '200' })).toBe(2);
    expect(await sample(registry, 'http_requests_total', { method: 'POST', route: '/things', status: '202' })).toBe(1);
    expect(await sample(registry, 'http_request_duration_seconds_count', { method: 'GET', route: '/things/:id' })).toBe(2);
    const exposition = await registry.metrics();
    expect(exposition).not.toContain('a@example.com');
    expect(exposition).not.toContain('/things/42');
  });

  it('counts answers written by exception filters and guards with their status', async () => {
    await request(app.getHttpServer()).post('/things/invalid').expect(400);
    await request(app.getHttpServer()).get('/things/guarded/7').expect(401);

    expect(await sample(registry, 'http_requests_total', { method: 'POST', route: '/things/invalid', status: '400' })).toBe(1);
    expect(await sample(registry, 'http_requests_total', { method: 'GET', route: '/things/guarded/:id', status: '401' })).toBe(1);
  });

  it('labels a path no route matched as unmatched', async () => {
    await request(app.getHttpServer()).get('/nowhere/someone@example.com').expect(404);

    expect(await sample(registry, 'http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(await registry.metrics()).not.toContain('someone@example.com');
  });
});
