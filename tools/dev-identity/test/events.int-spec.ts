import { TEST_RABBITMQ_URL } from '@sentinel/testing';
import { connect, type ConsumeMessage } from 'amqplib';
import pino from 'pino';
import { startDevIdentity, type DevIdentityHandle } from '../src';
import { EventTap, uniqueExchangeName } from './support/event-tap';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function bodyOf(message: ConsumeMessage): Record<string, unknown> {
  return JSON.parse(message.content.toString('utf8')) as Record<string, unknown>;
}

describe('dev identity events on RabbitMQ', () => {
  let identity: DevIdentityHandle;
  let exchange: string;
  let acme: EventTap;

  beforeEach(async () => {
    exchange = uniqueExchangeName();
    identity = await startDevIdentity({ rabbitmqUrl: TEST_RABBITMQ_URL, exchange, logger: pino({ level: 'silent' }) });
    acme = await EventTap.open(exchange, ['tenant.acme.#']);
    await identity.createUser({ id: 'u-alice', tenants: [{ id: 'acme', role: 'member' }, { id: 'globex', role: 'member' }] });
  });

  afterEach(async () => {
    await identity.close();
    await acme.dispose();
  });

  it('publishes policy.updated with the contract body and properties', async () => {
    const policy = await identity.setPolicy({ userId: 'u-alice', tenantId: 'acme', permissions: ['tenant.acme.crm.contacts.view'] });
    const [message] = await acme.waitFor(1);
    const body = bodyOf(message);

    expect(message.fields).toEqual(expect.objectContaining({ exchange, routingKey: 'tenant.acme.policy.updated' }));
    expect(message.properties).toEqual(
      expect.objectContaining({ contentType: 'application/json', messageId: body.id, deliveryMode: 2 }),
    );
    expect(body).toEqual({
      id: expect.stringMatching(UUID),
      type: 'policy.updated',
      tenant_id: 'acme',
      occurred_at: expect.any(String),
      data: { user_id: 'u-alice', version: policy.version },
    });
    expect(new Date(body.occurred_at as string).toISOString()).toBe(body.occurred_at);
  });

  it('publishes user.deactivated on every tenant of the user, each heard only by its own binding', async () => {
    const globex = await EventTap.open(exchange, ['tenant.globex.#']);
    try {
      await identity.deactivateUser('u-alice');
      const [acmeEvent] = await acme.waitFor(1);
      const [globexEvent] = await globex.waitFor(1);

      expect(acmeEvent.fields.routingKey).toBe('tenant.acme.user.deactivated');
      expect(bodyOf(acmeEvent)).toEqual(expect.objectContaining({ type: 'user.deactivated', tenant_id: 'acme', data: { user_id: 'u-alice' } }));
      expect(globexEvent.fields.routingKey).toBe('tenant.globex.user.deactivated');
      expect(bodyOf(globexEvent).id).not.toBe(bodyOf(acmeEvent).id);
      expect(await acme.settle()).toHaveLength(1);
    } finally {
      await globex.close();
    }
  });

  it('publishes membership.revoked for the one tenant only', async () => {
    await identity.revokeMembership('u-alice', 'globex');
    await identity.revokeMembership('u-alice', 'acme');
    const [message, ...rest] = await acme.waitFor(1);
    expect(message.fields.routingKey).toBe('tenant.acme.membership.revoked');
    expect(bodyOf(message)).toEqual(expect.objectContaining({ type: 'membership.revoked', tenant_id: 'acme', data: { user_id: 'u-alice' } }));
    expect(rest).toHaveLength(0);
    expect(await acme.settle()).toHaveLength(1);
  });

  it('publishes raw events byte for byte, malformed ones included', async () => {
    await identity.publishRawEvent({ routingKey: 'tenant.acme.policy.updated', payload: '{"id": not json', messageId: 'raw-1' });
    await identity.publishRawEvent({ routingKey: 'tenant.acme.mystery.event', payload: { type: 'mystery.event' }, persistent: false });
    const [malformed, unknown] = await acme.waitFor(2);

    expect(malformed.content.toString('utf8')).toBe('{"id": not json');
    expect(malformed.properties).toEqual(expect.objectContaining({ messageId: 'raw-1', contentType: 'application/json', deliveryMode: 2 }));
    expect(unknown.fields.routingKey).toBe('tenant.acme.mystery.event');
    expect(bodyOf(unknown)).toEqual({ type: 'mystery.event' });
    expect(unknown.properties.deliveryMode).toBe(1);
  });

  it('answers 502 when the broker refuses a publish, and reconnects for the next one', async () => {
    // Deleting the exchange under the publisher makes the broker close its channel on the next publish.
    const admin = await connect(TEST_RABBITMQ_URL);
    await (await admin.createChannel()).deleteExchange(exchange);
    await admin.close();
    await expect(
      identity.setPolicy({ userId: 'u-alice', tenantId: 'acme', permissions: [] }),
    ).rejects.toMatchObject({ status: 502, code: 'event_publish_failed' });

    const rebound = await EventTap.open(exchange, ['tenant.acme.#']);
    try {
      await identity.setPolicy({ userId: 'u-alice', tenantId: 'acme', permissions: [] });
      const [message] = await rebound.waitFor(1);
      expect(bodyOf(message)).toEqual(expect.objectContaining({ type: 'policy.updated', data: { user_id: 'u-alice', version: 2 } }));
    } finally {
      await rebound.close();
    }
  });
});

describe('dev identity without a reachable broker', () => {
  it('fails to start rather than run without events it was asked to publish', async () => {
    await expect(startDevIdentity({ rabbitmqUrl: 'amqp://guest:guest@127.0.0.1:1', exchange: uniqueExchangeName() })).rejects.toThrow();
  });
});
