import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail } from '@sentinel/audit';
import { IntegrationRepository, isCrmProvider, type CrmProvider, type IntegrationEntity, type SyncRunCounts } from '@sentinel/persistence';
import type { CrmClient, CrmContactRecord, CrmDealRecord, CrmPage } from '@sentinel/providers';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { CRM_CLIENT_FACTORY, type CrmClientFactory } from '../credentials/crm-client.factory';
import type { IntegrationRef } from './crm-record.mapper';
import { CrmSyncError, CrmSyncErrorCode } from './crm-sync.error';
import { CrmSyncMetrics, type SyncRunOutcome } from './crm-sync.metrics';
import { CRM_SYNC_SYSTEM_ACTOR } from './sync-audit';
import { PagePrefetch } from './page-prefetch';
import { beginPass, freshFullCursor, nextIncrementalCursor, parseSyncCursor, type SyncCursor } from './sync-cursor';
import { SyncEventsPublisher } from './sync-events.publisher';
import { decideFailure } from './sync-failure.policy';
import { SyncPageWriter } from './sync-page.writer';
import { SYNC_OPTIONS, type SyncOptions } from './sync.options';

export type SyncRunResult =
  | { outcome: 'completed'; phase: 'full' | 'incremental'; counts: SyncRunCounts }
  | { outcome: 'skipped' }
  | { outcome: 'lease_lost'; counts: SyncRunCounts }
  | { outcome: 'temporary_failure' | 'auth_lost'; errorCode: string; counts: SyncRunCounts };

interface RunContext {
  integration: IntegrationRef;
  /** SALESFORCE_SYNC_LEADS is on and the client reads leads (Salesforce). */
  leads: boolean;
  token: string;
  counts: SyncRunCounts;
  /** Each listing's pages, the next one fetched while the current one is written. */
  contactPages: PagePrefetch<CrmPage<CrmContactRecord>>;
  leadPages: PagePrefetch<CrmPage<CrmContactRecord>>;
  dealPages: PagePrefetch<CrmPage<CrmDealRecord>>;
}

const emptyCounts = (): SyncRunCounts => ({ fetched: 0, created: 0, updated: 0, deleted: 0, dealsFetched: 0, durationMs: 0 });

/**
 * Syncs one integration's contacts (and, with SALESFORCE_SYNC_LEADS, Salesforce leads) and deals
 * into the book: a full pass first, then incremental passes by modification time. Each provider page is applied in one transaction together with the
 * cursor that follows it, so a run that dies anywhere resumes without loss or duplicates. The next
 * page of a listing is fetched while the current one is written (PagePrefetch). At most one run
 * per integration holds the lease; a second one is skipped.
 */
@Injectable()
export class IntegrationSyncService {
  private readonly logger = new Logger(IntegrationSyncService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly integrations: IntegrationRepository,
    private readonly writer: SyncPageWriter,
    private readonly events: SyncEventsPublisher,
    @Inject(CRM_CLIENT_FACTORY) private readonly clients: CrmClientFactory,
    @Inject(SYNC_OPTIONS) private readonly options: SyncOptions,
    @Optional() private readonly metrics?: CrmSyncMetrics,
    @Optional() private readonly audit?: AuditTrail,
  ) {}

  /** Runs one sync of the integration, or returns `skipped` when another run holds it or it is not connected. */
  async sync(integrationId: string): Promise<SyncRunResult> {
    const token = randomUUID();
    const lease = await this.integrations.acquireSyncLease(integrationId, token, this.options.leaseTtlMs);
    if (!lease) return { outcome: 'skipped' };
    const { integration, leasedAt } = lease;

    const startedAt = Date.now();
    const counts = emptyCounts();
    let phase: SyncCursor['phase'] = 'full';
    try {
      const provider = crmProvider(integration);
      // Pass starts use the database clock: the full pass's sweep compares them with synced_at.
      let cursor: SyncCursor | 'done' = beginPass(parseSyncCursor(integration.syncCursor) ?? freshFullCursor(leasedAt), leasedAt);
      phase = cursor.phase;
      await this.integrations.markStage(integrationId, token, `${phase}_running`);
      const client = await this.clients.forIntegration(integration, provider);
      const leads = this.options.salesforceLeads === true && provider === 'salesforce' && client.fetchLeads !== undefined;
      const context: RunContext = {
        integration: { id: integration.id, userId: integration.userId, provider },
        leads,
        token,
        counts,
        contactPages: new PagePrefetch((cursor) => fetchContacts(client, cursor)),
        leadPages: new PagePrefetch((cursor) => fetchLeads(client, leads, cursor)),
        dealPages: new PagePrefetch((cursor) => client.fetchDeals(cursor.continuation)),
      };
      while (cursor !== 'done') cursor = await this.syncPage(context, cursor);

      counts.durationMs = Date.now() - startedAt;
      await this.integrations.finishRun(integrationId, token, { stage: 'incremental_pending', lastErrorCode: null, lastRunCounts: counts, lastSyncedAt: new Date() });
    } catch (error) {
      counts.durationMs = Date.now() - startedAt;
      return this.fail(integration, token, phase, counts, error);
    }
    this.logger.log({ msg: 'sync completed', integrationId, phase, ...counts });
    this.metrics?.runFinished(integration.provider, 'completed', counts);
    await this.publishSynced(integration, phase, counts);
    return { outcome: 'completed', phase, counts };
  }

  private async syncPage(context: RunContext, cursor: SyncCursor): Promise<SyncCursor | 'done'> {
    if (cursor.step === 'contacts') return this.syncContactPage(context, cursor);
    return cursor.step === 'leads' ? this.syncLeadPage(context, cursor) : this.syncDealPage(context, cursor);
  }

  private async syncContactPage(context: RunContext, cursor: SyncCursor): Promise<SyncCursor> {
    const page = await context.contactPages.take(cursor);
    const last = page.next === null;
    const next: SyncCursor = !last ? { ...cursor, continuation: page.next } : { ...cursor, step: context.leads ? 'leads' : 'deals', continuation: null };
    if (!last) context.contactPages.start(next);
    // A full pass retires unseen contacts after its last listing: the leads' when they are read.
    const sweep = last && cursor.phase === 'full' && !context.leads ? 'all' : 'none';
    await this.applyContactPage(context, page.records, next, cursor, sweep);
    return next;
  }

  /**
   * One page of Salesforce Leads into the book. The Lead stream has its own bound: a full listing
   * (unconverted leads) in a full pass or when leads were not read in the previous pass, else the
   * changes since then, converted and recycled leads included (as deletions). A run that resumes
   * with leads switched off ends the step without asking Salesforce.
   */
  private async syncLeadPage(context: RunContext, cursor: SyncCursor): Promise<SyncCursor> {
    const modifiedSince = leadsModifiedSince(cursor);
    const page = await context.leadPages.take(cursor);
    const last = page.next === null;
    const next: SyncCursor = !last ? { ...cursor, continuation: page.next } : { ...cursor, step: 'deals', continuation: null };
    if (!last) context.leadPages.start(next);
    const sweep = !last ? 'none' : cursor.phase === 'full' ? 'all' : modifiedSince === null && context.leads ? 'leads' : 'none';
    await this.applyContactPage(context, page.records, next, cursor, sweep);
    return next;
  }

  private async applyContactPage(context: RunContext, records: CrmContactRecord[], next: SyncCursor, cursor: SyncCursor, sweep: 'all' | 'leads' | 'none'): Promise<void> {
    const { integration, counts } = context;
    const written = await this.dataSource.transaction(async (manager) => {
      const result = await this.writer.writeContacts(manager, integration, records);
      const passStartedAt = new Date(cursor.startedAt);
      if (sweep === 'all') result.deleted += await this.writer.sweepContacts(manager, integration.id, passStartedAt);
      if (sweep === 'leads') result.deleted += await this.writer.sweepLeads(manager, integration.id, passStartedAt);
      await this.saveProgress(manager, context, next);
      return result;
    });
    counts.fetched += records.length;
    counts.created += written.createdIds.length;
    counts.updated += written.updated;
    counts.deleted += written.deleted;
    await this.publishAdded(integration.id, written.createdIds);
  }

  private async syncDealPage(context: RunContext, cursor: SyncCursor): Promise<SyncCursor | 'done'> {
    const { integration } = context;
    const page = await context.dealPages.take(cursor);
    const last = page.next === null;
    const next = last ? nextIncrementalCursor(cursor, this.options.modifiedSinceMarginMs, context.leads) : { ...cursor, continuation: page.next };
    if (!last) context.dealPages.start(next);

    await this.dataSource.transaction(async (manager) => {
      await this.writer.writeDeals(manager, integration, page.records);
      // Deals are listed in full on every pass, so every pass ends by retiring the unseen ones.
      if (last) await this.writer.sweepDeals(manager, integration.id, new Date(cursor.startedAt));
      await this.saveProgress(manager, context, next);
    });
    context.counts.dealsFetched += page.records.length;
    return last ? 'done' : next;
  }

  private async saveProgress(manager: EntityManager, context: RunContext, cursor: SyncCursor): Promise<void> {
    const held = await this.integrations.saveProgress(manager, context.integration.id, context.token, cursor, this.options.leaseTtlMs);
    if (!held) throw new CrmSyncError(CrmSyncErrorCode.LeaseLost, 'sync lease lost; page rolled back');
  }

  private async publishAdded(integrationId: string, contactIds: string[]): Promise<void> {
    try {
      await this.events.contactsAdded(integrationId, contactIds);
    } catch {
      throw new CrmSyncError(CrmSyncErrorCode.EventPublishFailed, 'contacts.added could not be published');
    }
  }

  /** The run is committed either way; a lost summary event is logged, not turned into a failed run. */
  private async publishSynced(integration: IntegrationEntity, phase: 'full' | 'incremental', counts: SyncRunCounts): Promise<void> {
    try {
      await this.events.contactsSynced(integration.id, crmProvider(integration), phase, counts);
    } catch {
      this.logger.warn({ msg: 'contacts.synced not published', integrationId: integration.id });
    }
  }

  private async fail(integration: IntegrationEntity, token: string, phase: 'full' | 'incremental', counts: SyncRunCounts, error: unknown): Promise<SyncRunResult> {
    const integrationId = integration.id;
    const decision = decideFailure(error, phase);
    this.logger.warn({ msg: 'sync failed', integrationId, phase, kind: decision.kind, code: decision.code, ...counts });
    const outcome: SyncRunOutcome =
      decision.kind === 'lease_lost' ? 'lease_lost' : decision.kind === 'temporary' ? 'temporary_failure' : decision.kind === 'auth_lost' ? 'auth_lost' : 'failed';
    this.metrics?.runFinished(integration.provider, outcome, counts);
    if (decision.kind === 'lease_lost') return { outcome: 'lease_lost', counts };
    await this.integrations.finishRun(integrationId, token, {
      stage: decision.stage ?? 'failed',
      status: decision.status,
      lastErrorCode: decision.code,
      lastRunCounts: counts,
    });
    if (decision.status === 'reauth_required') await this.recordReauthRequired(integration, decision.code);
    if (decision.kind === 'unknown') throw error;
    return { outcome: decision.kind === 'temporary' ? 'temporary_failure' : 'auth_lost', errorCode: decision.code, counts };
  }

  /** The provider rejected the grant: the integration waits for its user to reconnect. */
  private async recordReauthRequired(integration: IntegrationEntity, code: string): Promise<void> {
    if (!this.audit) return;
    try {
      await this.audit.record({
        event: 'integration.reauth_required',
        actor: { userId: CRM_SYNC_SYSTEM_ACTOR },
        subject: { type: 'integration', id: integration.id },
        properties: { provider: integration.provider, error_code: code, owner_user_id: integration.userId },
      });
    } catch {
      // The state change is committed; a lost audit row is logged, not turned into another failure.
      this.logger.error({ msg: 'audit event not recorded', event: 'integration.reauth_required', integrationId: integration.id });
    }
  }
}

function fetchContacts(client: CrmClient, cursor: SyncCursor): Promise<CrmPage<CrmContactRecord>> {
  const modifiedSince = cursor.modifiedSince === null ? null : new Date(cursor.modifiedSince);
  return client.fetchContacts({ modifiedSince, continuation: cursor.continuation });
}

/** A run that resumes with leads switched off ends the step without asking the provider. */
async function fetchLeads(client: CrmClient, leads: boolean, cursor: SyncCursor): Promise<CrmPage<CrmContactRecord>> {
  if (!leads || !client.fetchLeads) return { records: [], next: null };
  return client.fetchLeads({ modifiedSince: leadsModifiedSince(cursor), continuation: cursor.continuation });
}

/** The Lead stream's bound: a full listing in a full pass or while leads need one, else changes since. */
function leadsModifiedSince(cursor: SyncCursor): Date | null {
  return cursor.phase === 'full' || cursor.leadsModifiedSince === null ? null : new Date(cursor.leadsModifiedSince);
}

function crmProvider(integration: IntegrationEntity): CrmProvider {
  if (!isCrmProvider(integration.provider)) throw new CrmSyncError(CrmSyncErrorCode.NotACrm, 'integration is not a CRM');
  return integration.provider;
}
