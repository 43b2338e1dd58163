// Test-only: the provider fakes (a tool) stand in for HubSpot in-process.
import { HubSpotFake } from '@sentinel/fakes';
import { parseKeyRing, SecretEnvelopeCipher } from '@sentinel/crypto';
import type { EventEnvelope } from '@sentinel/messaging';
import { IntegrationEntity } from '@sentinel/persistence';
import { TEST_RABBITMQ_URL, waitFor } from '@sentinel/testing';
import { createTestStack, startTestService, type RunningTestService, type TestStack } from '@sentinel/testing-services';
import { connect, type ChannelModel } from 'amqplib';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { CrmSyncEnv } from '../../src/crm-sync.env';
import { CrmSyncService } from '../../src/crm-sync.service-definition';
import { IntegrationSyncService } from '../../src/sync/integration-sync.service';

describe('sync engine inside the crm-sync service, publishing to the real broker', () => {
  let stack: TestStack;
  let service: RunningTestService<CrmSyncEnv>;
  let broker: ChannelModel;
  const fake = new HubSpotFake();
  const key = randomBytes(32).toString('base64');
  const events: EventEnvelope[] = [];

  beforeAll(async () => {
    stack = await createTestStack();
    await fake.start();
    service = await startTestService(CrmSyncService, { ...stack.env, INTEGRATION_ENCRYPTION_KEY: key, HUBSPOT_API_URL: fake.url });
    broker = await connect(TEST_RABBITMQ_URL);
    const channel = await broker.createChannel();
    await channel.assertExchange(stack.eventsExchange, 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, stack.eventsExchange, `tenant.${stack.tenantId}.contacts.*`);
    await channel.consume(queue, (message) => message && events.push(JSON.parse(message.content.toString()) as EventEnvelope), { noAck: true });
  });

  afterAll(async () => {
    await broker?.close();
    await fake.stop();
    await service?.close();
    await stack?.cleanup();
  });

  it('syncs through the Nest-wired engine with a stored encrypted token, publishing events without PII', async () => {
    fake.store.seedContacts(150);
    const id = randomUUID();
    const cipher = new SecretEnvelopeCipher(parseKeyRing(key));
    const dataSource = service.app.get(DataSource);
    const integration = await dataSource.manager.save(
      dataSource.manager.create(IntegrationEntity, {
        id, userId: 'user-1', provider: 'hubspot', status: 'connected', externalAccountId: 'portal-1', syncStage: 'full_pending',
        accessToken: cipher.encrypt(fake.issueAccessToken(), { table: 'integrations', column: 'access_token', rowId: id }),
        tokenExpiresAt: new Date(Date.now() + 30 * 60_000),
        tokenIssuedAt: new Date(),
      }),
    );
    const engine = service.app.get(IntegrationSyncService);
    const result = await engine.sync(integration.id);
    expect(result).toMatchObject({ outcome: 'completed', counts: { created: 150 } });

    await waitFor('three events', async () => events.length >= 3);
    const added = events.filter((event) => event.type === 'contacts.added');
    expect(added.flatMap((event) => event.data.contact_ids as string[])).toHaveLength(150);
    expect(events.find((event) => event.type === 'contacts.synced')).toMatchObject({
      tenant_id: stack.tenantId,
      data: { integration_id: integration.id, provider: 'hubspot', phase: 'full', fetched: 150, created: 150, updated: 0, deleted: 0 },
    });
    expect(JSON.stringify(events)).not.toMatch(/@|First|Last/);
  });
});
