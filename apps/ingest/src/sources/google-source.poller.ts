import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { IngestMetrics } from '../metrics/ingest.metrics';
import { SourceIntegrationRepository } from '../repositories/source-integration.repository';
import { CalendarSource } from './calendar/calendar.source';
import { GmailSource } from './gmail/gmail.source';
import { GOOGLE_SOURCE_SETTINGS, GoogleClientFactory, type GoogleSourceSettings } from './google/google-client.factory';
import { statusOf } from './google/google-error.status';
import type { SourceIntegration } from './source-integration';

/** Longest a poll may hold an integration before another replica may take it over. */
const POLL_LEASE_SECONDS = 600;

/**
 * Every `pollIntervalSeconds`, polls each connected Gmail and Calendar integration once, one after
 * the other, under the integration's sync lease (one replica per mailbox); a round still running
 * when the next is due is not doubled. A failing integration is counted and logged (ids and status
 * only) and does not stop the round.
 */
@Injectable()
export class GoogleSourcePoller implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(GoogleSourcePoller.name);
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;

  constructor(
    @Inject(GOOGLE_SOURCE_SETTINGS) private readonly settings: GoogleSourceSettings,
    private readonly integrations: SourceIntegrationRepository,
    private readonly clients: GoogleClientFactory,
    private readonly gmail: GmailSource,
    private readonly calendar: CalendarSource,
    private readonly metrics: IngestMetrics,
  ) {}

  onApplicationBootstrap(): void {
    const configured = Boolean(this.settings.clientId && this.settings.clientSecret);
    if (!configured || this.settings.pollIntervalSeconds <= 0) return;
    this.timer = setInterval(() => void this.pollAll(), this.settings.pollIntervalSeconds * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.round;
  }

  /** One round over every connected Google integration; resolves when it is done. */
  pollAll(): Promise<void> {
    this.round ??= this.runRound().finally(() => {
      this.round = undefined;
    });
    return this.round;
  }

  /** Polls the connected Gmail integrations of one mailbox now (a push notification named it). */
  async pollMailbox(address: string): Promise<void> {
    await this.pollEach(await this.integrations.connectedGmail(address));
  }

  private async runRound(): Promise<void> {
    let integrations: SourceIntegration[];
    try {
      integrations = await this.integrations.connected();
    } catch {
      this.logger.warn('Google poll skipped: integrations unavailable');
      return;
    }
    await this.pollEach(integrations);
  }

  private async pollEach(integrations: readonly SourceIntegration[]): Promise<void> {
    for (const integration of integrations) {
      const lease = randomUUID();
      try {
        if (!(await this.integrations.claim(integration.integrationId, lease, POLL_LEASE_SECONDS))) {
          this.metrics.sourcePoll(integration.provider, 'leased');
          continue;
        }
        const clients = this.clients.clients(integration);
        const result = integration.provider === 'gmail'
          ? await this.gmail.poll(integration, clients.gmail)
          : await this.calendar.poll(integration, clients.calendar);
        this.metrics.sourcePoll(integration.provider, result.mode);
        this.logger.log({ integration_id: integration.integrationId, source: integration.provider, ...result }, 'source polled');
      } catch (error) {
        this.metrics.sourcePoll(integration.provider, 'failed');
        this.logger.warn({ integration_id: integration.integrationId, source: integration.provider, status: statusOf(error) ?? null }, 'source poll failed');
      } finally {
        // A lease that cannot be released simply expires.
        await this.integrations.release(integration.integrationId, lease).catch(() => undefined);
      }
    }
  }
}
