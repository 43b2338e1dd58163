import { createTestStack, startTestService, type RunningTestService, type TestStack } from '@sentinel/testing-services';
import request from 'supertest';
import { IngestService } from '../src/ingest.service-definition';
import type { IngestEnv } from '../src/ingest.env';

/**
 * The platform's catch-all error filter must not swallow the auth layers' own responses: their
 * headers (WWW-Authenticate, Retry-After) and bodies survive, and validation errors keep the
 * structured shape.
 */
describe('error responses of a booted service', () => {
  let stack: TestStack;
  let service: RunningTestService<IngestEnv>;

  beforeAll(async () => {
    stack = await createTestStack();
    service = await startTestService(IngestService, stack.env);
  });

  afterAll(async () => {
    await service?.close();
    await stack?.cleanup();
  });

  it('answers a guarded route without a token with 401, its token and WWW-Authenticate', async () => {
    const response = await request(service.url).get('/messages').expect(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.body).toMatchObject({ error: 'token_missing' });
  });

  it('answers an unknown route with a structured 404', async () => {
    const response = await request(service.url).get('/no-such-route').expect(404);
    expect(response.body).toEqual({ error: 'not_found', message: expect.any(String) });
  });
});
