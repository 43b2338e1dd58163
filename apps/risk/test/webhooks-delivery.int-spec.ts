// Test-only: the dev identity (a tool app) stands in for the external identity service in-process.
import { startDevIdentity, type DevIdentityHandle } from '@sentinel/dev-identity';
import { waitFor } from '@sentinel/testing';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { RiskHarness, timelineEvent, type SeededDeal } from './support/risk-harness';
import { verifierFromDocs, WebhookReceiver, type ReceivedWebhook, type VerifyWebhook } from './support/webhook-receiver';

jest.setTimeout(60_000);

const OWNER = 'user-owner';

interface Subscription {
  id: string;
  secret: string;
}

interface LogRow {
  event_id: string;
  delivery_status: string;
  attempt: number;
  outcome: string;
  status_code: number | null;
}

describe('webhook delivery (outbox -> broker -> signed POST; retries, circuit, delivery log)', () => {
  let identity: DevIdentityHandle;
  let harness: RiskHarness;
  let receiver: WebhookReceiver;
  let verify: VerifyWebhook;
  let deal: SeededDeal;

  const bearer = async () => `Bearer ${(await identity.mintToken({ subject: 'user-hooks' })).token}`;
  const api = () => request(harness.service.url);

  async function subscribe(path: string, events: string[]): Promise<Subscription> {
    const response = await api().post('/webhooks').set('Authorization', await bearer()).send({ url: receiver.url(path), events });
    expect(response.status).toBe(201);
    return { id: response.body.id, secret: response.body.secret };
  }

  async function unsubscribe(subscription: Subscription): Promise<void> {
    expect((await api().delete(`/webhooks/${subscription.id}`).set('Authorization', await bearer())).status).toBe(204);
  }

  async function deliveryLog(subscription: Subscription): Promise<LogRow[]> {
    const response = await api().get(`/webhooks/${subscription.id}/deliveries?sort=attempted_at&per_page=100`).set('Authorization', await bearer());
    expect(response.status).toBe(200);
    return response.body.data;
  }

  /** Waits until every delivery of the subscription is settled (`delivered` or `failed`) and returns the log. */
  async function settledLog(subscription: Subscription, deliveries: number): Promise<LogRow[]> {
    await waitFor(`${deliveries} settled deliveries`, async () => {
      const { rows } = await harness.db.query(`SELECT count(*)::int AS count FROM webhook_deliveries WHERE subscription_id = $1 AND status IN ('delivered', 'failed')`, [subscription.id]);
      return rows[0].count === deliveries;
    });
    return deliveryLog(subscription);
  }

  const admitted = async (overrides: Parameters<typeof timelineEvent>[3] = {}) => {
    const event = timelineEvent(OWNER, deal.integrationId, [deal.contactIds[0]!], overrides);
    await harness.publishTimeline(event);
    return event;
  };

  beforeAll(async () => {
    identity = await startDevIdentity({});
    receiver = await WebhookReceiver.start();
    verify = verifierFromDocs();
    harness = await RiskHarness.start({
      ...identity.serviceEnv,
      INTEGRATION_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      // The receiver is this machine's 127.0.0.1 over plain http.
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_MAX_ATTEMPTS: '4',
      WEBHOOK_RETRY_BASE_MS: '50',
      WEBHOOK_RETRY_MAX_MS: '200',
      WEBHOOK_BREAKER_THRESHOLD: '3',
      WEBHOOK_BREAKER_COOLDOWN_MS: '60000',
    });
    const tenant = harness.stack.tenantId;
    await identity.createUser({ id: 'user-hooks', tenants: [{ id: tenant, role: 'member' }] });
    await identity.setPolicy({ userId: 'user-hooks', tenantId: tenant, permissions: [`tenant.${tenant}.crm.webhooks.*`] });
    deal = await harness.seedDeal(OWNER, { contacts: 2 });
  });

  afterAll(async () => {
    await harness?.close();
    await receiver?.stop();
    await identity?.close();
  });

  describe('signature', () => {
    let subscription: Subscription;
    let delivered: ReceivedWebhook;
    let signature: string;
    let timestamp: number;

    beforeAll(async () => {
      subscription = await subscribe('/signed', ['message.admitted']);
      const message = await admitted();
      delivered = await waitFor('the signed delivery', async () => receiver.requestsTo('/signed')[0]);
      signature = String(delivered.headers['x-webhook-signature']);
      timestamp = Number(/^t=(\d+),/.exec(signature)?.[1]);
      expect(JSON.parse(delivered.rawBody.toString('utf8')).data.message_id).toBe(message.message_id);
    });

    afterAll(() => unsubscribe(subscription));

    it('SEN-ING-15 signs each delivery so that the verification recipe of docs/webhooks.md accepts it', () => {
      expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verify(delivered.rawBody, signature, subscription.secret, timestamp)).toBe(true);
      expect(verify(delivered.rawBody.toString('utf8'), signature, subscription.secret)).toBe(true);
    });

    it('SEN-ING-15 fails verification for a tampered body, a tampered timestamp, another secret or a replay', () => {
      const body = delivered.rawBody.toString('utf8');
      expect(verify(body.replace('"message.admitted"', '"risk.level_changed"'), signature, subscription.secret, timestamp)).toBe(false);
      expect(verify(`${body} `, signature, subscription.secret, timestamp)).toBe(false);
      expect(verify(delivered.rawBody, signature.replace(`t=${timestamp}`, `t=${timestamp - 1}`), subscription.secret, timestamp)).toBe(false);
      expect(verify(delivered.rawBody, signature, `${subscription.secret}x`, timestamp)).toBe(false);
      expect(verify(delivered.rawBody, signature, subscription.secret, timestamp + 299)).toBe(true);
      expect(verify(delivered.rawBody, signature, subscription.secret, timestamp + 301)).toBe(false);
      expect(verify(delivered.rawBody, signature, subscription.secret, timestamp - 301)).toBe(false);
      expect(verify(delivered.rawBody, 'v1=deadbeef', subscription.secret, timestamp)).toBe(false);
    });

    it('sends ids only, with the event id in X-Webhook-Id for receiver dedup', () => {
      const body = JSON.parse(delivered.rawBody.toString('utf8'));
      expect(delivered.headers['content-type']).toBe('application/json');
      expect(delivered.headers['x-webhook-event']).toBe('message.admitted');
      expect(delivered.headers['x-webhook-id']).toBe(body.id);
      expect(Object.keys(body).sort()).toEqual(['data', 'id', 'occurred_at', 'type']);
      expect(body.data).toEqual({
        message_id: expect.any(String),
        integration_id: deal.integrationId,
        source: 'gmail',
        direction: 'inbound',
        occurred_at: expect.any(String),
        deal_ids: [deal.dealId],
      });
    });

    it('writes one outbox row per message: a redelivered timeline event queues nothing more', async () => {
      const message = JSON.parse(delivered.rawBody.toString('utf8')).data.message_id as string;
      await harness.publishTimeline(timelineEvent(OWNER, deal.integrationId, [deal.contactIds[0]!], { message_id: message }));
      const next = await admitted();
      await waitFor('the next delivery', async () => receiver.requestsTo('/signed').find((item) => item.rawBody.includes(next.message_id)));
      const { rows } = await harness.db.query(`SELECT count(*)::int AS count FROM webhook_deliveries WHERE payload->>'message_id' = $1`, [message]);
      expect(rows[0].count).toBe(1);
      expect(receiver.requestsTo('/signed').filter((item) => item.rawBody.includes(message))).toHaveLength(1);
    });
  });

  it('emits risk.level_changed when new timeline events move a deal to another level', async () => {
    const subscription = await subscribe('/risk', ['risk.level_changed']);
    const quiet = await harness.seedDeal(OWNER, { contacts: 2 });
    // No meeting on record: 20 (low). A second unanswered outbound mail adds no_buyer_reply: 50 (medium).
    for (const occurredAt of [new Date(Date.now() - 2 * 86_400_000), new Date(Date.now() - 86_400_000)]) {
      await harness.publishTimeline(timelineEvent(OWNER, quiet.integrationId, [quiet.contactIds[0]!], { direction: 'outbound', occurred_at: occurredAt.toISOString() }));
    }
    const change = await waitFor('the level change', async () =>
      receiver.requestsTo('/risk').map((item) => JSON.parse(item.rawBody.toString('utf8'))).find((body) => body.data.deal_id === quiet.dealId),
    );
    expect(change).toMatchObject({
      type: 'risk.level_changed',
      data: { deal_id: quiet.dealId, previous_level: 'low', level: 'medium', previous_score: 20, score: 50, reason_codes: ['no_buyer_reply', 'no_recent_meeting'] },
    });
    expect(receiver.requestsTo('/risk').filter((item) => item.rawBody.includes(quiet.dealId))).toHaveLength(1);
    await unsubscribe(subscription);
  });

  it('retries a failing endpoint with backoff, then delivers; every attempt is logged and signed anew', async () => {
    const subscription = await subscribe('/flaky', ['message.admitted']);
    receiver.replyWith({ status: 500 }, { status: 503 });
    await admitted();
    const log = await settledLog(subscription, 1);
    expect(log.map((row) => [row.attempt, row.outcome, row.status_code, row.delivery_status])).toEqual([
      [1, 'http_error', 500, 'delivered'],
      [2, 'http_error', 503, 'delivered'],
      [3, 'delivered', 200, 'delivered'],
    ]);
    const attempts = receiver.requestsTo('/flaky');
    expect(new Set(attempts.map((item) => item.headers['x-webhook-id']))).toEqual(new Set([log[0]!.event_id]));
    for (const attempt of attempts) expect(verify(attempt.rawBody, String(attempt.headers['x-webhook-signature']), subscription.secret)).toBe(true);
    const view = await api().get(`/webhooks/${subscription.id}`).set('Authorization', await bearer());
    expect(view.body.circuit).toEqual({ state: 'closed', consecutive_failures: 0 });
    await unsubscribe(subscription);
  });

  it('does not follow a redirect: a 3xx is a failed attempt and the Location is never requested', async () => {
    const subscription = await subscribe('/moved', ['message.admitted']);
    receiver.replyWith({ status: 302, location: receiver.url('/elsewhere') });
    await admitted();
    const log = await settledLog(subscription, 1);
    expect(log.map((row) => [row.outcome, row.status_code])).toEqual([
      ['redirect_refused', 302],
      ['delivered', 200],
    ]);
    expect(receiver.requestsTo('/elsewhere')).toHaveLength(0);
    await unsubscribe(subscription);
  });

  it('gives up on a response slower than WEBHOOK_TIMEOUT_MS (outcome timeout) and retries', async () => {
    const subscription = await subscribe('/slow', ['message.admitted']);
    receiver.replyWith({ status: 200, delayMs: 6_000 });
    await admitted();
    const log = await settledLog(subscription, 1);
    expect(log.map((row) => [row.outcome, row.status_code])).toEqual([
      ['timeout', null],
      ['delivered', 200],
    ]);
    await unsubscribe(subscription);
  });

  it('opens the circuit after repeated failures and stops calling, then lets one trial through after the cool-down', async () => {
    const subscription = await subscribe('/down', ['message.admitted']);
    receiver.always({ status: 503 });
    try {
      await admitted();
      const first = await settledLog(subscription, 1);
      // Three failures in a row (WEBHOOK_BREAKER_THRESHOLD) open it; the 4th and last attempt makes no call.
      expect(first.map((row) => [row.attempt, row.outcome, row.status_code])).toEqual([
        [1, 'http_error', 503],
        [2, 'http_error', 503],
        [3, 'http_error', 503],
        [4, 'circuit_open', null],
      ]);
      expect(first.every((row) => row.delivery_status === 'failed')).toBe(true);

      await admitted();
      const second = await settledLog(subscription, 2);
      expect(second.slice(4).map((row) => row.outcome)).toEqual(['circuit_open', 'circuit_open', 'circuit_open', 'circuit_open']);
      expect(receiver.requestsTo('/down')).toHaveLength(3);
      const open = await api().get(`/webhooks/${subscription.id}`).set('Authorization', await bearer());
      expect(open.body.circuit).toEqual({ state: 'open', consecutive_failures: 3 });
      const metrics = (await api().get('/metrics')).text;
      expect(metrics).toMatch(new RegExp(`risk_webhook_circuit_state\\{subscription_id="${subscription.id}"[^}]*\\} 2`));
      expect(metrics).toMatch(/risk_webhook_deliveries_total\{outcome="circuit_open"[^}]*\} [1-9]/);

      // The cool-down has passed (moved back in the database, not waited for) and the endpoint is back.
      await harness.db.query(`UPDATE webhook_subscriptions SET circuit_opened_at = circuit_opened_at - interval '2 minutes' WHERE id = $1`, [subscription.id]);
      receiver.always({ status: 200 });
      await admitted();
      const third = await settledLog(subscription, 3);
      expect(third.slice(8).map((row) => [row.outcome, row.status_code, row.delivery_status])).toEqual([['delivered', 200, 'delivered']]);
      expect(receiver.requestsTo('/down')).toHaveLength(4);
      const closed = await api().get(`/webhooks/${subscription.id}`).set('Authorization', await bearer());
      expect(closed.body.circuit).toEqual({ state: 'closed', consecutive_failures: 0 });
      expect((await api().get('/metrics')).text).toMatch(/risk_webhook_deliveries_total\{outcome="delivered"[^}]*\} [1-9]/);
    } finally {
      receiver.always({ status: 200 });
      await unsubscribe(subscription);
    }
  });
});
