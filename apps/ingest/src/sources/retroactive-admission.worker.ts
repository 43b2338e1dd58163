import { Injectable, Logger } from '@nestjs/common';
import { ConsumeEvent, type EventEnvelope } from '@sentinel/messaging';
import { CONTACTS_QUEUE } from '../inbound/inbound.events';
import { ContactBookRepository } from '../repositories/contact-book.repository';
import { SourceIntegrationRepository } from '../repositories/source-integration.repository';
import { CalendarSource } from './calendar/calendar.source';
import { ContactsAdded, CONTACTS_ADDED_EVENT } from './contacts-added.event';
import { GmailSource } from './gmail/gmail.source';
import { GoogleClientFactory } from './google/google-client.factory';

/**
 * Retroactive admission: when contacts join a user's CRM book, the user's recent mail and meetings
 * with them are put through the gate again (GmailSource.backfill, CalendarSource.backfill), so a
 * conversation dropped yesterday for want of a contact is admitted today. Read-only searches,
 * bounded by the recent window; a repeat is harmless (the gate counts it `duplicate_event`).
 * A failure throws, so the event is retried from the broker.
 */
@Injectable()
export class RetroactiveAdmissionWorker {
  private readonly logger = new Logger(RetroactiveAdmissionWorker.name);

  constructor(
    private readonly contactBook: ContactBookRepository,
    private readonly integrations: SourceIntegrationRepository,
    private readonly clients: GoogleClientFactory,
    private readonly gmail: GmailSource,
    private readonly calendar: CalendarSource,
  ) {}

  @ConsumeEvent({ queue: CONTACTS_QUEUE, type: CONTACTS_ADDED_EVENT, schema: ContactsAdded })
  async handle(envelope: EventEnvelope<ContactsAdded>): Promise<void> {
    const byUser = new Map<string, string[]>();
    for (const { userId, email } of await this.contactBook.emailsOf(envelope.data.contact_ids)) {
      byUser.set(userId, [...(byUser.get(userId) ?? []), email]);
    }
    for (const [userId, addresses] of byUser) {
      for (const integration of await this.integrations.connectedGoogleOf(userId)) {
        const clients = this.clients.clients(integration);
        const published = integration.provider === 'gmail'
          ? await this.gmail.backfill(integration, clients.gmail, addresses)
          : await this.calendar.backfill(integration, clients.calendar, addresses);
        this.logger.log({ integration_id: integration.integrationId, source: integration.provider, contacts: addresses.length, published }, 'retroactive admission');
      }
    }
  }
}
