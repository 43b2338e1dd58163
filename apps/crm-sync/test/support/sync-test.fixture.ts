import { Logger } from '@nestjs/common';
import type { EventPublisher } from '@sentinel/messaging';
import {
  applicationDataSourceOptions,
  ContactRepository,
  DealRepository,
  IntegrationEntity,
  IntegrationRepository,
  type IntegrationProvider,
} from '@sentinel/persistence';
import { CircuitBreakerRegistry, ProviderCallExecutor, type BreakerOptions, type CrmClient, type RetryOptions } from '@sentinel/providers';
import { createTestDatabase, type TestDatabase } from '@sentinel/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IntegrationSyncService } from '../../src/sync/integration-sync.service';
import { SyncEventsPublisher } from '../../src/sync/sync-events.publisher';
import { SyncPageWriter } from '../../src/sync/sync-page.writer';
import type { SyncOptions } from '../../src/sync/sync.options';

export const FAST_RETRY: RetryOptions = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 5_000 };
export const FAST_BREAKER: BreakerOptions = { errorThresholdPercentage: 50, volumeThreshold: 4, rollingCountTimeoutMs: 10_000, resetTimeoutMs: 300, callTimeoutMs: 5_000 };

export interface PublishedEvent {
  type: string;
  data: Record<string, unknown>;
}

/** A real PostgreSQL database cloned from the migrated template, the engine wired by hand, events recorded. */
export class SyncTestFixture {
  readonly events: PublishedEvent[] = [];
  /** The engine's options, read on every run: tests may switch `salesforceLeads`. */
  readonly options: SyncOptions = { leaseTtlMs: 60_000, modifiedSinceMarginMs: 0, salesforceLeads: false };
  service!: IntegrationSyncService;
  dataSource!: DataSource;
  breakers = new CircuitBreakerRegistry(FAST_BREAKER);
  private database!: TestDatabase;
  private clientFor: (integration: IntegrationEntity) => CrmClient | Promise<CrmClient> = () => {
    throw new Error('no CRM client configured for this test');
  };

  async start(): Promise<void> {
    // The engine logs ids and counts through Nest's static logger; keep test output readable.
    Logger.overrideLogger(false);
    this.database = await createTestDatabase();
    this.dataSource = await new DataSource(applicationDataSourceOptions({ url: this.database.url, poolSize: 5 })).initialize();
    this.service = this.engine();
  }

  /** The engine on this fixture's database, clients and recorded events; a test may hand it its own page writer. */
  engine(writer = new SyncPageWriter(new ContactRepository(), new DealRepository())): IntegrationSyncService {
    const publisher: Pick<EventPublisher, 'publish'> = {
      publish: async (type, data) => {
        this.events.push({ type, data: data as Record<string, unknown> });
        return { id: randomUUID(), type, tenant_id: 't', occurred_at: new Date().toISOString(), data };
      },
    };
    return new IntegrationSyncService(
      this.dataSource,
      new IntegrationRepository(this.dataSource),
      writer,
      new SyncEventsPublisher(publisher as EventPublisher),
      { forIntegration: async (integration) => this.clientFor(integration) },
      this.options,
    );
  }

  async stop(): Promise<void> {
    this.breakers.shutdown();
    await this.dataSource?.destroy();
    await this.database?.drop();
  }

  /** How the engine gets its client from now on (the service's factory resolves credentials; tests choose). */
  useClients(clientFor: (integration: IntegrationEntity) => CrmClient | Promise<CrmClient>): void {
    this.clientFor = clientFor;
  }

  /** Fresh breakers (closed), as after a provider recovered and the process restarted. */
  resetBreakers(): void {
    this.breakers.shutdown();
    this.breakers = new CircuitBreakerRegistry(FAST_BREAKER);
  }

  executor(): ProviderCallExecutor {
    return new ProviderCallExecutor(this.breakers, FAST_RETRY);
  }

  async newIntegration(provider: IntegrationProvider, fields: Partial<IntegrationEntity> = {}): Promise<IntegrationEntity> {
    const integration = this.dataSource.manager.create(IntegrationEntity, {
      id: randomUUID(),
      userId: `user-${randomUUID()}`,
      provider,
      status: 'connected',
      accessToken: null,
      refreshToken: null,
      tokenExpiresAt: null,
      tokenIssuedAt: null,
      instanceUrl: null,
      externalAccountId: randomUUID(),
      syncStage: 'full_pending',
      syncCursor: null,
      lastSyncedAt: null,
      lastErrorCode: null,
      lastRunCounts: null,
      syncLeaseToken: null,
      syncLeaseExpiresAt: null,
      ...fields,
    });
    return this.dataSource.manager.save(integration);
  }

  integration(id: string): Promise<IntegrationEntity> {
    return this.dataSource.manager.findOneByOrFail(IntegrationEntity, { id });
  }

  async contacts(integrationId: string): Promise<{ external_id: string; email: string | null; additional_emails: string[]; first_name: string | null; deleted_at: Date | null }[]> {
    return this.dataSource.query(
      `SELECT external_id, email, additional_emails, first_name, deleted_at FROM contacts WHERE integration_id = $1 ORDER BY external_id`,
      [integrationId],
    );
  }

  /** Contact rows of the integration and how many distinct provider ids they hold (equal when nothing was stored twice). */
  async contactRowCounts(integrationId: string): Promise<{ rows: number; distinct: number }> {
    const [counts] = await this.dataSource.query(
      `SELECT count(*)::int AS rows, count(DISTINCT external_id)::int AS distinct FROM contacts WHERE integration_id = $1`,
      [integrationId],
    );
    return counts;
  }

  async lookupAddresses(userId: string): Promise<string[]> {
    const rows: { email: string }[] = await this.dataSource.query(`SELECT email FROM contact_emails WHERE user_id = $1 ORDER BY email`, [userId]);
    return rows.map((row) => row.email);
  }

  eventsOf(type: string): PublishedEvent[] {
    return this.events.filter((event) => event.type === type);
  }
}
