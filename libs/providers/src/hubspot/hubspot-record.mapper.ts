import { normalizeEmail } from '../email/normalize-email';
import type { CrmContactRecord, CrmDealRecord } from '../crm/crm-records';

/** What the CRM v3 object endpoints return per object (list, search, archived list). */
export interface HubSpotObject {
  id: string;
  properties: Record<string, string | null | undefined>;
  updatedAt?: Date;
  archived?: boolean;
  archivedAt?: Date;
  associations?: Record<string, { results: { id: string }[] }>;
}

export const HUBSPOT_CONTACT_PROPERTIES = ['email', 'hs_additional_emails', 'firstname', 'lastname', 'company', 'lastmodifieddate'];
export const HUBSPOT_DEAL_PROPERTIES = ['dealname', 'dealstage', 'amount', 'closedate', 'hubspot_owner_id', 'hs_lastmodifieddate'];

export function toContactRecord(object: HubSpotObject): CrmContactRecord {
  const { properties } = object;
  const email = normalizeEmail(properties.email);
  // hs_additional_emails is one semicolon-separated string.
  const additional = (properties.hs_additional_emails ?? '')
    .split(';')
    .map((value) => normalizeEmail(value))
    .filter((value): value is string => value !== null && value !== email);
  return {
    externalId: object.id,
    email,
    additionalEmails: [...new Set(additional)],
    firstName: text(properties.firstname),
    lastName: text(properties.lastname),
    company: text(properties.company),
    deleted: object.archived === true,
    updatedAt: object.archivedAt ?? timestamp(properties.lastmodifieddate) ?? object.updatedAt ?? null,
  };
}

export function toDealRecord(object: HubSpotObject): CrmDealRecord {
  const { properties } = object;
  const contactIds = object.associations?.contacts?.results.map((association) => association.id) ?? [];
  return {
    externalId: object.id,
    name: text(properties.dealname),
    stage: text(properties.dealstage),
    amount: decimal(properties.amount),
    closeDate: text(properties.closedate)?.slice(0, 10) ?? null,
    ownerExternalId: text(properties.hubspot_owner_id),
    contactExternalIds: [...new Set(contactIds)],
    deleted: object.archived === true,
    updatedAt: timestamp(properties.hs_lastmodifieddate) ?? object.updatedAt ?? null,
  };
}

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function decimal(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed && /^-?\d+(\.\d+)?$/.test(trimmed) ? trimmed : null;
}

function timestamp(value: string | null | undefined): Date | null {
  if (!value) return null;
  const parsed = /^\d+$/.test(value) ? new Date(Number(value)) : new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}
