import { randomUUID } from 'node:crypto';
import { waitFor } from '@sentinel/testing';
import request from 'supertest';
import { IDENTITY_EVENTS_CONSUMER } from '../src/identity-events/identity-event.schemas';
import { startIdentityBroker, TenantBridge, type DeadLetter, type IdentityBroker } from './support/bridge.harness';

jest.setTimeout(60_000);

describe('identity events on real PostgreSQL, Redis and RabbitMQ', () => {
  let broker: IdentityBroker;
  let acme: TenantBridge;
  let other: TenantBridge;
  let peerUrl: string;

  const probe = (token: string) => request(peerUrl).get('/probe').set('Authorization', `Bearer ${token}`);
  const event = (tenantId: string, type: string, data: unknown, id: string = randomUUID()) => ({
    id,
    type,
    tenant_id: tenantId,
    occurred_at: new Date().toISOString(),
    data,
  });
  const publish = (routingKey: string, payload: unknown) =>
    broker.identity.publishRawEvent({ routingKey, payload, messageId: (payload as { id?: string }).id });

  beforeAll(async () => {
    broker = await startIdentityBroker();
    acme = await TenantBridge.start(broker);
    other = await TenantBridge.start(broker);
    peerUrl = (await acme.startPeer()).url;
  });

  afterAll(async () => {
    await acme?.close();
    await other?.close();
    await broker?.close();
  });

  it("SEN-TEN-05 binds the queue to its own tenant only: another tenant's events never arrive", async () => {
    await broker.identity.createUser({ id: 'both', tenants: [{ id: acme.tenantId, role: 'member' }, { id: other.tenantId, role: 'member' }] });
    await other.setPermissions('both', ['crm.contacts.view']);
    // A key that merely starts like ours, carrying a body that names our tenant: routing keeps it out.
    const lookalike = event(acme.tenantId, 'policy.updated', { user_id: 'both', version: 9 });
    await publish(`tenant.${acme.tenantId}x.policy.updated`, lookalike);
    const mine = event(acme.tenantId, 'policy.updated', { user_id: null, version: 1 });
    await publish(`tenant.${acme.tenantId}.policy.updated`, mine);

    await waitFor('the other tenant to apply its event', async () => (await other.auditRows('identity.policy_updated')).length === 1);
    await waitFor('our own event', async () => (await acme.processedEventIds()).includes(mine.id));
    expect(await acme.processedEventIds()).toEqual([mine.id]);
    expect(await acme.takeDeadLetters()).toEqual([]);
    expect((await other.processedEventIds()).length).toBe(1);
  });

  it('dead-letters invalid events with their reason, counts them, and keeps consuming', async () => {
    const key = `tenant.${acme.tenantId}.policy.updated`;
    const missingVersion = event(acme.tenantId, 'policy.updated', { user_id: 'u-1' });
    const wrongTenant = event(other.tenantId, 'policy.updated', { user_id: null, version: 2 });
    const extraField = event(acme.tenantId, 'user.deactivated', { user_id: 'u-1', email: 'someone@example.com' });
    await publish(key, missingVersion);
    await publish(key, wrongTenant);
    await publish(key, extraField);
    await broker.identity.publishRawEvent({ routingKey: key, payload: '{not json', messageId: 'broken-1' });
    const valid = event(acme.tenantId, 'policy.updated', { user_id: null, version: 3 });
    await publish(key, valid);

    await waitFor('the valid event after the invalid ones', async () => (await acme.processedEventIds()).includes(valid.id));
    const letters: DeadLetter[] = [];
    await waitFor('four dead letters', async () => letters.push(...(await acme.takeDeadLetters())) === 4);
    const byId = Object.fromEntries(letters.map((letter) => [letter.messageId, letter.reason]));
    expect(byId[missingVersion.id]).toMatch(/^invalid_data: version \(/);
    expect(byId[wrongTenant.id]).toBe('tenant_mismatch');
    expect(byId[extraField.id]).toMatch(/^invalid_data: email \(whitelistValidation\)/);
    expect(byId['broken-1']).toBe('malformed_json');
    // Reasons name properties, never values.
    expect(letters.map((letter) => letter.reason).join(' ')).not.toContain('someone@example.com');
    expect(await acme.metric('messaging_deliveries_total', { queue: IDENTITY_EVENTS_CONSUMER, outcome: 'dead_lettered' })).toBe(4);
    expect(await acme.processedEventIds()).not.toContain(missingVersion.id);
  });

  it('acknowledges and counts unknown event types without applying them', async () => {
    const unknown = event(acme.tenantId, 'user.renamed', { user_id: 'u-1' });
    await publish(`tenant.${acme.tenantId}.user.renamed`, unknown);
    await waitFor('the unknown type to be counted', async () =>
      (await acme.metric('messaging_deliveries_total', { queue: IDENTITY_EVENTS_CONSUMER, outcome: 'ignored' })) === 1,
    );
    expect(await acme.processedEventIds()).not.toContain(unknown.id);
  });

  it('applies a redelivered event once', async () => {
    const duplicate = event(acme.tenantId, 'policy.updated', { user_id: 'u-dup', version: 4 });
    const key = `tenant.${acme.tenantId}.policy.updated`;
    await publish(key, duplicate);
    await publish(key, duplicate);
    await publish(key, duplicate);
    await waitFor('three deliveries', async () =>
      (await acme.metric('identity_bridge_events_total', { type: 'policy.updated', outcome: 'duplicate' })) === 2,
    );
    expect((await acme.processedEventIds()).filter((id) => id === duplicate.id)).toHaveLength(1);
    const rows = (await acme.auditRows('identity.policy_updated')).filter((row) => (row.properties as { event_id: string }).event_id === duplicate.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_user_id: 'system:identity-events', subject_type: 'user', subject_id: 'u-dup' });
  });

  it('SEN-TOK-11 makes a policy change visible to a request on another service right after the event', async () => {
    const token = await acme.user('pol', ['crm.contacts.view']);
    expect((await probe(token)).status).toBe(200);
    await broker.identity.resetStats();
    expect((await probe(token)).status).toBe(200);
    // Answered from the caches: without an event, the old decision would stand for an hour.
    expect((await broker.identity.stats()).total).toBe(0);

    const applied = (await acme.auditRows('identity.policy_updated')).length;
    const started = Date.now();
    await broker.identity.setPolicy(acme.policy('pol', []));
    await waitFor('the policy event', async () => (await acme.auditRows('identity.policy_updated')).length === applied + 1, 5_000, 5);
    const denied = await probe(token);
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ error: 'permission_denied', required_permission: `tenant.${acme.tenantId}.crm.contacts.view` });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('SEN-TOK-12 purges a deactivated user at once: the next request on another service is refused', async () => {
    const token = await acme.user('leaver', ['crm.contacts.view']);
    expect((await probe(token)).status).toBe(200);
    expect(await acme.redis.exists('cache-user:leaver')).toBe(1);
    await broker.identity.deactivateUser('leaver');
    await waitFor('the deactivation', async () => (await acme.auditRows('identity.user_deactivated')).length === 1, 5_000, 5);
    expect((await probe(token)).status).toBe(401);
    expect(await acme.redis.exists('cache-user:leaver')).toBe(0);
  });

  it('purges a user whose membership was revoked: the next request is 403 tenant_not_a_member', async () => {
    const token = await acme.user('mover', ['crm.contacts.view']);
    expect((await probe(token)).status).toBe(200);
    await broker.identity.revokeMembership('mover', acme.tenantId);
    await waitFor('the revocation', async () => (await acme.auditRows('identity.membership_revoked')).length === 1, 5_000, 5);
    const refused = await probe(token);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('tenant_not_a_member');
  });
});
