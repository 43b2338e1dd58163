import type { CrmProvider } from '@sentinel/persistence';
import type { ContactRecord } from './contact-read.repository';

export interface ContactView {
  id: string;
  integration_id: string;
  provider: CrmProvider;
  external_id: string;
  email: string | null;
  additional_emails: string[];
  first_name: string | null;
  last_name: string | null;
  company: string | null;
  external_updated_at: string | null;
  synced_at: string;
}

export interface ContactPage {
  data: ContactView[];
  page: number;
  per_page: number;
  total: number;
}

export function toContactView(contact: ContactRecord): ContactView {
  return {
    id: contact.id,
    integration_id: contact.integrationId,
    provider: contact.provider,
    external_id: contact.externalId,
    email: contact.email,
    additional_emails: contact.additionalEmails,
    first_name: contact.firstName,
    last_name: contact.lastName,
    company: contact.company,
    external_updated_at: contact.externalUpdatedAt?.toISOString() ?? null,
    synced_at: contact.syncedAt.toISOString(),
  };
}
