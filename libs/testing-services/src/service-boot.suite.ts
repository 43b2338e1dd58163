import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { BaseServiceEnv } from '@sentinel/config';
import type { ServiceDefinition } from '@sentinel/platform';
import request from 'supertest';
import { closedLoopbackPort, waitFor } from '@sentinel/testing';
import { createTestStack, startTestService, type RunningTestService, type TestStack } from './test-stack';

const WORKSPACE_ROOT = resolve(__dirname, '../../..');

/**
 * The foundation's contract for every service, run against the machine's real PostgreSQL, Redis
 * and RabbitMQ: ready with every dependency up, live/metrics/docs served, readiness 503 (but
 * still live) when Redis is unreachable, and a fast, clear exit on a missing variable.
 */
export function describeServiceBoot<TEnv extends BaseServiceEnv>(
  definition: ServiceDefinition<TEnv>,
  options: { mainFile: string; extraEnv?: Record<string, string> },
): void {
  describe(`${definition.name} on real infrastructure`, () => {
    let stack: TestStack;
    let service: RunningTestService<TEnv>;

    beforeAll(async () => {
      stack = await createTestStack();
      service = await startTestService(definition, { ...stack.env, ...options.extraEnv });
    }, 60_000);

    afterAll(async () => {
      await service?.close();
      await stack?.cleanup();
    }, 60_000);

    it('answers /health/ready 200 with postgres, redis and rabbitmq up', async () => {
      const body = await waitFor('readiness', async () => {
        const response = await request(service.url).get('/health/ready');
        return response.status === 200 ? response.body : undefined;
      });
      expect(body).toMatchObject({
        status: 'ok',
        info: { postgres: { status: 'up' }, redis: { status: 'up' }, rabbitmq: { status: 'up' } },
      });
    });

    it('serves liveness, Prometheus metrics and the OpenAPI document', async () => {
      await request(service.url).get('/health/live').expect(200);
      const metrics = await request(service.url).get('/metrics').expect(200);
      expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
      expect(metrics.text).toContain('http_requests_total');
      expect(metrics.text).toContain(`service="${definition.name}"`);
      const openapi = await request(service.url).get('/docs/openapi.json').expect(200);
      expect(openapi.body.info.title).toBe(definition.title);
    });

    it('returns a request id, keeping a safe caller id and replacing a hostile one', async () => {
      const kept = await request(service.url).get('/health/live').set('X-Request-Id', 'abc12345-trace');
      expect(kept.headers['x-request-id']).toBe('abc12345-trace');
      const replaced = await request(service.url).get('/health/live').set('X-Request-Id', '"><script>{"evil":1}');
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('answers /health/ready 503 while Redis is unreachable, and stays live', async () => {
      const unreachableRedis = `redis://127.0.0.1:${await closedLoopbackPort()}`;
      const degraded = await startTestService(definition, { ...stack.env, ...options.extraEnv, REDIS_URL: unreachableRedis });
      try {
        const ready = await request(degraded.url).get('/health/ready');
        expect(ready.status).toBe(503);
        expect(ready.body.details.redis.status).toBe('down');
        expect(ready.body.details.postgres.status).toBe('up');
        await request(degraded.url).get('/health/live').expect(200);
      } finally {
        await degraded.close();
      }
    });

    it('exits at once with a non-zero code and one line naming a missing variable', async () => {
      const env: Record<string, string | undefined> = { ...process.env, ...stack.env, ...options.extraEnv };
      delete env.TENANT_ID;
      const result = await runEntryPoint(options.mainFile, env);
      expect(result.code).not.toBe(0);
      expect(result.stderr.trim().split('\n')).toContain(
        'Invalid configuration: TENANT_ID must be 1-63 lowercase letters, digits or dashes (no dots)',
      );
    }, 60_000);
  });
}

function runEntryPoint(mainFile: string, env: Record<string, string | undefined>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', resolve(WORKSPACE_ROOT, mainFile)],
      { cwd: WORKSPACE_ROOT, env: { ...env, TS_NODE_PROJECT: resolve(WORKSPACE_ROOT, 'tsconfig.json') }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolvePromise({ code, stderr }));
  });
}
