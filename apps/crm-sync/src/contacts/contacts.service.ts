import { Injectable } from '@nestjs/common';
import { pageWindow, parseSort } from '@sentinel/hardening';
import { normalizeEmail } from '@sentinel/providers';
import { CrmSyncHttpError, CrmSyncHttpErrorCode } from '../errors/crm-sync-http.error';
import { ContactReadRepository } from './contact-read.repository';
import { toContactView, type ContactPage, type ContactView } from './contact.view';
import type { ContactsListQuery } from './contacts-list.query';

/** Reading the caller's contact book (live contacts of their own integrations). Emails are never logged. */
@Injectable()
export class ContactsService {
  constructor(private readonly contacts: ContactReadRepository) {}

  async list(userId: string, query: ContactsListQuery): Promise<ContactPage> {
    const { offset, limit } = pageWindow(query);
    const page = { page: query.page, per_page: query.per_page };
    // Normalized as the sync stores addresses; one that cannot be an address matches nothing.
    const email = query.email === undefined ? undefined : normalizeEmail(query.email);
    if (email === null) return { data: [], ...page, total: 0 };
    const { rows, total } = await this.contacts.list({ userId, integrationId: query.integration_id, email, sort: parseSort(query.sort), offset, limit });
    return { data: rows.map(toContactView), ...page, total };
  }

  async get(userId: string, id: string): Promise<ContactView> {
    const contact = await this.contacts.findOwned(userId, id);
    if (!contact) throw new CrmSyncHttpError(CrmSyncHttpErrorCode.ContactNotFound, 'contact not found');
    return toContactView(contact);
  }
}
