export interface FakeSalesforceAccount {
  Id: string;
  Name: string;
}

export interface FakeSalesforceContact {
  Id: string;
  Email: string | null;
  FirstName: string | null;
  LastName: string;
  AccountId: string | null;
  LastModifiedDate: Date;
  IsDeleted: boolean;
}

export interface FakeSalesforceLead {
  Id: string;
  Email: string | null;
  FirstName: string | null;
  LastName: string;
  Company: string;
  LastModifiedDate: Date;
  IsDeleted: boolean;
  IsConverted: boolean;
  ConvertedContactId: string | null;
}

export interface FakeSalesforceOpportunity {
  Id: string;
  Name: string;
  StageName: string;
  Amount: number | null;
  CloseDate: string;
  OwnerId: string;
  LastModifiedDate: Date;
  IsDeleted: boolean;
  ContactIds: string[];
}

/** 18-character record ids with the object's key prefix, as Salesforce issues them. */
function recordId(prefix: string, sequence: number): string {
  return `${prefix}${sequence.toString(36).toUpperCase().padStart(12, '0')}AAA`;
}

/** The fake org's records. */
export class SalesforceFakeStore {
  readonly accounts = new Map<string, FakeSalesforceAccount>();
  readonly contacts = new Map<string, FakeSalesforceContact>();
  readonly opportunities = new Map<string, FakeSalesforceOpportunity>();
  readonly leads = new Map<string, FakeSalesforceLead>();
  private sequence = 1;

  addAccount(name: string): FakeSalesforceAccount {
    const account = { Id: recordId('001', this.sequence++), Name: name };
    this.accounts.set(account.Id, account);
    return account;
  }

  seedContacts(count: number, options: { startAt?: Date; stepMs?: number; emailDomain?: string } = {}): FakeSalesforceContact[] {
    const start = (options.startAt ?? new Date(Date.UTC(2026, 0, 1))).getTime();
    const step = options.stepMs ?? 1000;
    const account = this.addAccount('Acme Corporation');
    const created: FakeSalesforceContact[] = [];
    for (let i = 0; i < count; i++) {
      created.push(this.addContact({
        Email: `Contact.${this.sequence}@${options.emailDomain ?? 'example.com'}`, FirstName: `First${i}`, LastName: `Last${i}`,
        AccountId: account.Id, LastModifiedDate: new Date(start + i * step),
      }));
    }
    return created;
  }

  addContact(fields: Partial<Omit<FakeSalesforceContact, 'Id'>> = {}): FakeSalesforceContact {
    const contact: FakeSalesforceContact = {
      Id: recordId('003', this.sequence++), Email: null, FirstName: null, LastName: 'Unknown', AccountId: null,
      LastModifiedDate: new Date(), IsDeleted: false, ...fields,
    };
    this.contacts.set(contact.Id, contact);
    return contact;
  }

  modifyContact(id: string, changes: Partial<Omit<FakeSalesforceContact, 'Id'>>, at = new Date()): FakeSalesforceContact {
    const contact = this.contacts.get(id);
    if (!contact) throw new Error(`no contact ${id}`);
    return Object.assign(contact, changes, { LastModifiedDate: at });
  }

  /** Moves a contact to the recycle bin: visible to queryAll with IsDeleted = true. */
  deleteContact(id: string, at = new Date()): void {
    this.modifyContact(id, { IsDeleted: true }, at);
  }

  /** Removes a contact for good (emptied recycle bin): gone even from queryAll. */
  purgeContact(id: string): void {
    this.contacts.delete(id);
  }

  addOpportunity(fields: Partial<Omit<FakeSalesforceOpportunity, 'Id'>> = {}): FakeSalesforceOpportunity {
    const opportunity: FakeSalesforceOpportunity = {
      Id: recordId('006', this.sequence++), Name: 'Opportunity', StageName: 'Prospecting', Amount: null, CloseDate: '2026-06-30',
      OwnerId: recordId('005', 1), LastModifiedDate: new Date(), IsDeleted: false, ContactIds: [], ...fields,
    };
    this.opportunities.set(opportunity.Id, opportunity);
    return opportunity;
  }

  addLead(fields: Partial<Omit<FakeSalesforceLead, 'Id'>> = {}): FakeSalesforceLead {
    const lead: FakeSalesforceLead = {
      Id: recordId('00Q', this.sequence++), Email: null, FirstName: null, LastName: 'Unknown', Company: '[not provided]',
      LastModifiedDate: new Date(), IsDeleted: false, IsConverted: false, ConvertedContactId: null, ...fields,
    };
    this.leads.set(lead.Id, lead);
    return lead;
  }

  modifyLead(id: string, changes: Partial<Omit<FakeSalesforceLead, 'Id'>>, at = new Date()): FakeSalesforceLead {
    const lead = this.leads.get(id);
    if (!lead) throw new Error(`no lead ${id}`);
    return Object.assign(lead, changes, { LastModifiedDate: at });
  }

  /** Moves a lead to the recycle bin: visible to queryAll with IsDeleted = true. */
  deleteLead(id: string, at = new Date()): void {
    this.modifyLead(id, { IsDeleted: true }, at);
  }

  /** Converts a lead as Salesforce does: a new Contact (under a new Account) and the lead kept with IsConverted = true. */
  convertLead(id: string, at = new Date()): FakeSalesforceContact {
    const lead = this.leads.get(id);
    if (!lead) throw new Error(`no lead ${id}`);
    const account = this.addAccount(lead.Company);
    const contact = this.addContact({ Email: lead.Email, FirstName: lead.FirstName, LastName: lead.LastName, AccountId: account.Id, LastModifiedDate: at });
    this.modifyLead(id, { IsConverted: true, ConvertedContactId: contact.Id }, at);
    return contact;
  }
}
