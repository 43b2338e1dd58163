import type { CrmContactRecord, CrmDealRecord } from '../crm/crm-records';
import { normalizeEmail } from '../email/normalize-email';

/** A Contact row of `SELECT Id, Email, FirstName, LastName, Account.Name, LastModifiedDate, IsDeleted`. */
export interface SalesforceContactRow {
  Id: string;
  Email: string | null;
  FirstName: string | null;
  LastName: string | null;
  Account: { Name: string | null } | null;
  LastModifiedDate: string;
  IsDeleted: boolean;
}

/** A Lead row of `SELECT Id, Email, FirstName, LastName, Company, LastModifiedDate, IsDeleted, IsConverted`. */
export interface SalesforceLeadRow {
  Id: string;
  Email: string | null;
  FirstName: string | null;
  LastName: string | null;
  Company: string | null;
  LastModifiedDate: string;
  IsDeleted: boolean;
  IsConverted: boolean;
}

/** An Opportunity row with its OpportunityContactRoles subquery. */
export interface SalesforceOpportunityRow {
  Id: string;
  Name: string | null;
  StageName: string | null;
  Amount: number | null;
  CloseDate: string | null;
  OwnerId: string | null;
  LastModifiedDate: string;
  IsDeleted: boolean;
  OpportunityContactRoles: { records: { ContactId: string | null }[] } | null;
}

export function toContactRecord(row: SalesforceContactRow): CrmContactRecord {
  return {
    externalId: row.Id,
    email: normalizeEmail(row.Email),
    additionalEmails: [],
    firstName: text(row.FirstName),
    lastName: text(row.LastName),
    company: text(row.Account?.Name),
    deleted: row.IsDeleted === true,
    updatedAt: timestamp(row.LastModifiedDate),
  };
}

/**
 * A lead is a contact-book entry until it is converted: then it counts as deleted (the Contact it
 * became arrives through the Contact stream). Its id keeps Salesforce's `00Q` key prefix, so it
 * never collides with a Contact's `003` id in the book's (integration, external id) key.
 */
export function toLeadRecord(row: SalesforceLeadRow): CrmContactRecord {
  return {
    externalId: row.Id,
    email: normalizeEmail(row.Email),
    additionalEmails: [],
    firstName: text(row.FirstName),
    lastName: text(row.LastName),
    company: text(row.Company),
    deleted: row.IsDeleted === true || row.IsConverted === true,
    updatedAt: timestamp(row.LastModifiedDate),
  };
}

export function toDealRecord(row: SalesforceOpportunityRow): CrmDealRecord {
  const contactIds = (row.OpportunityContactRoles?.records ?? [])
    .map((role) => role.ContactId)
    .filter((id): id is string => typeof id === 'string' && id.length > 0);
  return {
    externalId: row.Id,
    name: text(row.Name),
    stage: text(row.StageName),
    amount: typeof row.Amount === 'number' && Number.isFinite(row.Amount) ? String(row.Amount) : null,
    closeDate: text(row.CloseDate)?.slice(0, 10) ?? null,
    ownerExternalId: text(row.OwnerId),
    contactExternalIds: [...new Set(contactIds)],
    deleted: row.IsDeleted === true,
    updatedAt: timestamp(row.LastModifiedDate),
  };
}

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** Salesforce writes `2024-01-15T10:30:00.000+0000`; Date.parse wants the offset as `+00:00`. */
function timestamp(value: string | null | undefined): Date | null {
  if (!value) return null;
  const parsed = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}
