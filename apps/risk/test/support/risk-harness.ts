import { randomUUID } from 'node:crypto';
import { ConsumerHost, TIMELINE_APPENDED_EVENT, type TimelineAppendedData, type TimelineAppendedMessage } from '@sentinel/messaging';
import { TEST_RABBITMQ_URL } from '@sentinel/testing';
import { createTestStack, startTestService, type RunningTestService, type TestStack } from '@sentinel/testing-services';
import { connect, type ChannelModel } from 'amqplib';
import { Client } from 'pg';
import type { RiskEnv } from '../../src/risk.env';
import { RiskService } from '../../src/risk.service-definition';
import { RISK_TIMELINE_QUEUE } from '../../src/timeline/timeline-appended.consumer';
import { WEBHOOK_DELIVERY_QUEUE } from '../../src/webhooks/webhook.settings';

export interface SeededDeal {
  dealId: string;
  integrationId: string;
  contactIds: string[];
}

/**
 * One tenant's risk service on the machine's PostgreSQL, Redis and RabbitMQ, with seeding helpers
 * that write crm-sync's tables as crm-sync does, and a publisher of ingest's timeline events.
 */
export class RiskHarness {
  stack!: TestStack;
  service!: RunningTestService<RiskEnv>;
  db!: Client;
  private broker?: ChannelModel;

  static async start(env: Record<string, string> = {}): Promise<RiskHarness> {
    const harness = new RiskHarness();
    harness.stack = await createTestStack();
    harness.db = new Client({ connectionString: harness.stack.database.url });
    await harness.db.connect();
    harness.service = await startTestService(RiskService, { ...harness.stack.env, ...env });
    await harness.service.app.get(ConsumerHost).ready();
    return harness;
  }

  async close(): Promise<void> {
    await this.broker?.close().catch(() => undefined);
    await this.service?.close();
    await this.db?.end();
    await this.stack?.cleanup([RISK_TIMELINE_QUEUE, WEBHOOK_DELIVERY_QUEUE]);
  }

  /** A CRM integration of `userId` with `contacts` contacts and one deal linked to all of them. */
  async seedDeal(userId: string, options: { contacts?: number; stage?: string; name?: string; closeDate?: string } = {}): Promise<SeededDeal> {
    const integrationId = randomUUID();
    await this.db.query(
      `INSERT INTO integrations (id, user_id, provider, status, external_account_id, sync_stage)
       VALUES ($1, $2, 'hubspot', 'connected', $3, 'incremental_pending')`,
      [integrationId, userId, `portal-${integrationId}`],
    );
    const contactIds: string[] = [];
    for (let index = 0; index < (options.contacts ?? 2); index += 1) {
      const id = randomUUID();
      await this.db.query(
        `INSERT INTO contacts (id, integration_id, user_id, provider, external_id, email, synced_at) VALUES ($1, $2, $3, 'hubspot', $4, $5, now())`,
        [id, integrationId, userId, `hs-contact-${id}`, `c${index}-${id.slice(0, 8)}@client.test`],
      );
      contactIds.push(id);
    }
    const dealId = randomUUID();
    await this.db.query(
      `INSERT INTO deals (id, integration_id, user_id, provider, external_id, name, stage, close_date, owner_external_id, synced_at)
       VALUES ($1, $2, $3, 'hubspot', $4, $5, $6, $7, 'hs-owner-1', now())`,
      [dealId, integrationId, userId, `hs-deal-${dealId}`, options.name ?? 'Deal', options.stage ?? 'proposal', options.closeDate ?? null],
    );
    for (const contactId of contactIds) {
      await this.db.query(`INSERT INTO deal_contacts (deal_id, contact_external_id) VALUES ($1, $2)`, [dealId, `hs-contact-${contactId}`]);
    }
    return { dealId, integrationId, contactIds };
  }

  async addTeamMember(dealId: string, userId: string): Promise<void> {
    await this.db.query(`INSERT INTO deal_team_members (deal_id, user_id, role) VALUES ($1, $2, 'member')`, [dealId, userId]);
  }

  /** Publishes one `timeline.appended` envelope (a gate batch of these messages) to the tenant's exchange, as ingest does. */
  async publishTimeline(messages: TimelineAppendedMessage | TimelineAppendedMessage[], envelopeId: string = randomUUID()): Promise<void> {
    const data: TimelineAppendedData = { messages: Array.isArray(messages) ? messages : [messages] };
    await this.publish(TIMELINE_APPENDED_EVENT, data, `timeline:${envelopeId}`);
  }

  /** Publishes any event of this tenant (e.g. crm-sync's `contacts.synced`). */
  async publish(type: string, data: object, envelopeId: string = randomUUID()): Promise<void> {
    this.broker ??= await connect(TEST_RABBITMQ_URL);
    const channel = await this.broker.createConfirmChannel();
    const envelope = { id: envelopeId, type, tenant_id: this.stack.tenantId, occurred_at: new Date().toISOString(), data };
    channel.publish(this.stack.eventsExchange, `tenant.${this.stack.tenantId}.${type}`, Buffer.from(JSON.stringify(envelope)), {
      persistent: true,
      contentType: 'application/json',
    });
    await channel.waitForConfirms();
    await channel.close();
  }

  /** A message as ingest stores it (admitted because of `contactIds`). */
  async seedMessage(userId: string, integrationId: string, contactIds: string[], direction: 'inbound' | 'outbound', occurredAt: Date): Promise<string> {
    const id = randomUUID();
    await this.db.query(
      `INSERT INTO messages (id, user_id, integration_id, source, external_id, body_text, occurred_at, direction, matched_contact_ids, participants_count)
       VALUES ($1, $2, $3, 'gmail', $4, 'body', $5, $6, $7, 2)`,
      [id, userId, integrationId, `gmail-${id}`, occurredAt, direction, contactIds],
    );
    return id;
  }

  /** A deal crm-sync adds later, linked to existing contacts of the integration. */
  async seedLinkedDeal(userId: string, integrationId: string, contactIds: string[]): Promise<string> {
    const dealId = randomUUID();
    await this.db.query(
      `INSERT INTO deals (id, integration_id, user_id, provider, external_id, name, stage, synced_at) VALUES ($1, $2, $3, 'hubspot', $4, 'Later deal', 'proposal', now())`,
      [dealId, integrationId, userId, `hs-deal-${dealId}`],
    );
    for (const contactId of contactIds) {
      await this.db.query(`INSERT INTO deal_contacts (deal_id, contact_external_id) VALUES ($1, $2)`, [dealId, `hs-contact-${contactId}`]);
    }
    return dealId;
  }

  async entryCount(dealId: string): Promise<number> {
    const { rows } = await this.db.query<{ count: string }>(`SELECT count(*) FROM deal_timeline_entries WHERE deal_id = $1`, [dealId]);
    return Number(rows[0].count);
  }
}

export function timelineEvent(userId: string, integrationId: string, contactIds: string[], overrides: Partial<TimelineAppendedMessage> = {}): TimelineAppendedMessage {
  return {
    message_id: randomUUID(),
    user_id: userId,
    integration_id: integrationId,
    source: 'gmail',
    direction: 'inbound',
    occurred_at: new Date().toISOString(),
    matched_contact_ids: contactIds,
    ...overrides,
  };
}
