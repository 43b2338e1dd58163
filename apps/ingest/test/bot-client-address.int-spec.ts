import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { IngestHarness } from './support/ingest-harness';

jest.setTimeout(60_000);

/**
 * The bot-token limiter keys failures by client address and token prefix. Which address that is
 * depends on TRUST_PROXY_HOPS: with no trusted proxy a client cannot pick its own bucket through
 * X-Forwarded-For; behind a trusted ingress each client behind it gets its own bucket.
 */
describe('bot-token limiter and the client address (TRUST_PROXY_HOPS)', () => {
  const body = { meeting_id: 'm-1', title: 'Call', started_at: '2026-11-20T15:00:00Z', attendee_emails: ['pat@client.com'], text: 'hi', owner_user_id: 'user-x' };
  const guess = (prefix: string) => `Bot sbt_${prefix}${randomBytes(32).toString('base64url').slice(0, 39)}`;
  const post = (harness: IngestHarness, prefix: string, forwardedFor: string) =>
    request(harness.service.url).post('/bot/items').set('Authorization', guess(prefix)).set('X-Forwarded-For', forwardedFor).send(body);

  async function failThirtyTimes(harness: IngestHarness, prefix: string, forwardedFor: (attempt: number) => string): Promise<void> {
    for (let attempt = 1; attempt <= 30; attempt++) expect((await post(harness, prefix, forwardedFor(attempt))).status).toBe(401);
  }

  describe('with no trusted proxy (the default)', () => {
    let harness: IngestHarness;
    beforeAll(async () => (harness = await IngestHarness.start()));
    afterAll(() => harness?.close());

    it('SEN-ING-28 limits a client that writes a new X-Forwarded-For on every guess', async () => {
      await failThirtyTimes(harness, 'SPOF', (attempt) => `198.51.100.${attempt}`);
      expect((await post(harness, 'SPOF', '198.51.100.99')).status).toBe(429);
    });
  });

  describe('behind one trusted proxy', () => {
    let harness: IngestHarness;
    beforeAll(async () => (harness = await IngestHarness.start({ env: { TRUST_PROXY_HOPS: '1' } })));
    afterAll(() => harness?.close());

    it('SEN-ING-28 limits the client the proxy names, not every client behind the proxy', async () => {
      await failThirtyTimes(harness, 'PRXY', () => '203.0.113.10');
      expect((await post(harness, 'PRXY', '203.0.113.10')).status).toBe(429);
      expect((await post(harness, 'PRXY', '203.0.113.11')).status).toBe(401);
    });
  });
});
