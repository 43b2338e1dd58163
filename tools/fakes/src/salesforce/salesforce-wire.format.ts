import type { SoqlField } from './soql-query.parser';
import type { FakeSalesforceContact, FakeSalesforceLead, FakeSalesforceOpportunity, SalesforceFakeStore } from './salesforce-fake.store';

export type WireRecord = Record<string, unknown>;

/** Salesforce's datetime format in REST responses: `2026-01-01T00:00:00.000+0000`. */
export function salesforceDateTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

function attributes(version: string, type: string, id: string) {
  return { type, url: `/services/data/v${version}/sobjects/${type}/${id}` };
}

/** Renders query rows with only the selected fields, relationships nested as Salesforce nests them. */
export class SalesforceWireRenderer {
  constructor(private readonly store: SalesforceFakeStore, private readonly version: string) {}

  contact(contact: FakeSalesforceContact, fields: SoqlField[]): WireRecord {
    const record: WireRecord = { attributes: attributes(this.version, 'Contact', contact.Id) };
    for (const field of fields) {
      if (field.kind !== 'field') throw new Error('Contact has no child relationships in this fake');
      const [name, child] = field.path;
      if (name === 'Account' && child !== undefined) {
        const account = contact.AccountId ? this.store.accounts.get(contact.AccountId) : undefined;
        record.Account = account ? { attributes: attributes(this.version, 'Account', account.Id), [child]: account[child as 'Name'] ?? null } : null;
      } else record[name] = this.scalar(contact as unknown as Record<string, unknown>, name);
    }
    return record;
  }

  lead(lead: FakeSalesforceLead, fields: SoqlField[]): WireRecord {
    const record: WireRecord = { attributes: attributes(this.version, 'Lead', lead.Id) };
    for (const field of fields) {
      if (field.kind !== 'field' || field.path.length !== 1) throw new Error('Lead has only scalar fields in this fake');
      record[field.path[0]] = this.scalar(lead as unknown as Record<string, unknown>, field.path[0]);
    }
    return record;
  }

  opportunity(opportunity: FakeSalesforceOpportunity, fields: SoqlField[]): WireRecord {
    const record: WireRecord = { attributes: attributes(this.version, 'Opportunity', opportunity.Id) };
    for (const field of fields) {
      if (field.kind === 'subquery') {
        if (field.relationship !== 'OpportunityContactRoles') throw new Error(`no relationship ${field.relationship}`);
        const roles = opportunity.ContactIds.map((contactId, index) => ({
          attributes: attributes(this.version, 'OpportunityContactRole', `00K${opportunity.Id.slice(3, 12)}${index}AAA`),
          ContactId: contactId,
        }));
        // An empty child relationship is null, not an empty result.
        record.OpportunityContactRoles = roles.length > 0 ? { totalSize: roles.length, done: true, records: roles } : null;
      } else record[field.path[0]] = this.scalar(opportunity as unknown as Record<string, unknown>, field.path[0]);
    }
    return record;
  }

  private scalar(source: Record<string, unknown>, name: string): unknown {
    if (!(name in source)) throw new Error(`No such column '${name}'`);
    const value = source[name];
    return value instanceof Date ? salesforceDateTime(value) : value;
  }
}
