import type { FakeHubSpotContact, FakeHubSpotDeal } from './hubspot-fake.store';

/** CRM v3 object JSON, as HubSpot serializes it. */
export interface HubSpotWireObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
  associations?: Record<string, { results: { id: string; type: string }[] }>;
}

const iso = (date: Date) => date.toISOString();

function contactProperties(contact: FakeHubSpotContact): Record<string, string | null> {
  return {
    email: contact.email,
    hs_additional_emails: contact.additionalEmails.length > 0 ? contact.additionalEmails.join(';') : null,
    firstname: contact.firstname,
    lastname: contact.lastname,
    company: contact.company,
    createdate: iso(contact.createdAt),
    lastmodifieddate: iso(contact.updatedAt),
    hs_object_id: contact.id,
  };
}

function dealProperties(deal: FakeHubSpotDeal): Record<string, string | null> {
  return {
    dealname: deal.dealname,
    dealstage: deal.dealstage,
    amount: deal.amount,
    closedate: deal.closedate ? iso(deal.closedate) : null,
    hubspot_owner_id: deal.ownerId,
    createdate: iso(deal.createdAt),
    hs_lastmodifieddate: iso(deal.updatedAt),
    hs_object_id: deal.id,
  };
}

// HubSpot always returns these, requested or not; a requested but unset property comes back null.
const DEFAULT_PROPERTIES = ['createdate', 'hs_object_id'];

function pick(all: Record<string, string | null>, requested: string[], alwaysReturned: string[]): Record<string, string | null> {
  const selected: Record<string, string | null> = {};
  for (const name of [...alwaysReturned, ...requested]) selected[name] = all[name] ?? null;
  return selected;
}

export function contactWire(contact: FakeHubSpotContact, requested: string[]): HubSpotWireObject {
  return {
    id: contact.id,
    properties: pick(contactProperties(contact), requested, [...DEFAULT_PROPERTIES, 'lastmodifieddate']),
    createdAt: iso(contact.createdAt),
    updatedAt: iso(contact.updatedAt),
    archived: contact.archivedAt !== null,
    ...(contact.archivedAt ? { archivedAt: iso(contact.archivedAt) } : {}),
  };
}

export function dealWire(deal: FakeHubSpotDeal, requested: string[], withContacts: boolean): HubSpotWireObject {
  const wire: HubSpotWireObject = {
    id: deal.id,
    properties: pick(dealProperties(deal), requested, [...DEFAULT_PROPERTIES, 'hs_lastmodifieddate']),
    createdAt: iso(deal.createdAt),
    updatedAt: iso(deal.updatedAt),
    archived: deal.archivedAt !== null,
    ...(deal.archivedAt ? { archivedAt: iso(deal.archivedAt) } : {}),
  };
  if (withContacts && deal.contactIds.length > 0) {
    wire.associations = { contacts: { results: deal.contactIds.map((id) => ({ id, type: 'deal_to_contact' })) } };
  }
  return wire;
}

export function hubSpotError(status: number, category: string, message: string, extra: Record<string, unknown> = {}) {
  return { status, body: { status: 'error', message, correlationId: crypto.randomUUID(), category, ...extra } };
}
