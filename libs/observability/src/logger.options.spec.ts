import 'reflect-metadata';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Writable } from 'node:stream';
import request from 'supertest';
import { redirectServiceLogs } from './log-destination';
import { ObservabilityModule } from './observability.module';

@Controller('things')
class ThingsController {
  @Get(':id')
  read(): { ok: true } {
    return { ok: true };
  }
}

/** Boots an app at `logLevel` whose log lines go to the returned array, answers one request, closes. */
async function linesAfterOneRequest(logLevel: string): Promise<{ lines: Array<Record<string, unknown>>; requestId: string }> {
  const lines: Array<Record<string, unknown>> = [];
  redirectServiceLogs(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    }),
  );
  const moduleRef = await Test.createTestingModule({
    imports: [ObservabilityModule.forRoot({ service: 'logger-test', tenantId: 't-logger', logLevel })],
    controllers: [ThingsController],
  }).compile();
  const app: INestApplication = moduleRef.createNestApplication({ logger: false });
  let requestId = '';
  try {
    await app.init();
    const response = await request(app.getHttpServer()).get('/things/someone@example.com').expect(200);
    requestId = String(response.headers['x-request-id']);
  } finally {
    await app.close();
    redirectServiceLogs(undefined);
  }
  return { lines, requestId };
}

describe('request logging', () => {
  it('writes one completion line at info with method, route template and status, never the raw path', async () => {
    const { lines, requestId } = await linesAfterOneRequest('info');

    const completions = lines.filter((line) => line.msg === 'request completed');
    expect(completions).toHaveLength(1);
    expect(requestId).toMatch(/^[\w-]{8,}$/);
    expect(completions[0]).toMatchObject({ route: '/things/:id', req: { id: requestId, method: 'GET' }, res: { status: 200 } });
    expect(JSON.stringify(lines)).not.toContain('someone@example.com');
  });

  it('writes no completion line when the level is above info', async () => {
    const { lines } = await linesAfterOneRequest('warn');

    expect(lines.filter((line) => line.msg === 'request completed')).toHaveLength(0);
  });
});
