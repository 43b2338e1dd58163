export interface FakeHubSpotContact {
  id: string;
  email: string | null;
  additionalEmails: string[];
  firstname: string | null;
  lastname: string | null;
  company: string | null;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
}

export interface FakeHubSpotDeal {
  id: string;
  dealname: string | null;
  dealstage: string | null;
  amount: string | null;
  closedate: Date | null;
  ownerId: string | null;
  contactIds: string[];
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
}

export interface SeedContactsOptions {
  /** Modification time of the first seeded contact; each next one is `stepMs` later. */
  startAt?: Date;
  stepMs?: number;
  emailDomain?: string;
}

/** The fake portal's objects, kept in id order (HubSpot lists by ascending id). */
export class HubSpotFakeStore {
  readonly contacts = new Map<string, FakeHubSpotContact>();
  readonly deals = new Map<string, FakeHubSpotDeal>();
  /** Ids ascend in creation order, so this array is sorted and a page start is a binary search. */
  private readonly contactIds: number[] = [];
  private nextContactId = 1001;
  private nextDealId = 5001;

  seedContacts(count: number, options: SeedContactsOptions = {}): FakeHubSpotContact[] {
    const start = (options.startAt ?? new Date(Date.UTC(2026, 0, 1))).getTime();
    const step = options.stepMs ?? 1000;
    const domain = options.emailDomain ?? 'example.com';
    const created: FakeHubSpotContact[] = [];
    for (let i = 0; i < count; i++) {
      const id = String(this.nextContactId++);
      const at = new Date(start + i * step);
      created.push(this.putContact({
        id, email: `Contact.${id}@${domain}`, additionalEmails: [], firstname: `First${id}`, lastname: `Last${id}`,
        company: `Company ${Number(id) % 50}`, createdAt: at, updatedAt: at, archivedAt: null,
      }));
    }
    return created;
  }

  addContact(fields: Partial<Omit<FakeHubSpotContact, 'id'>> = {}): FakeHubSpotContact {
    const now = fields.updatedAt ?? new Date();
    const id = String(this.nextContactId++);
    return this.putContact({
      id, email: null, additionalEmails: [], firstname: null, lastname: null, company: null,
      createdAt: now, updatedAt: now, archivedAt: null, ...fields,
    });
  }

  modifyContact(id: string, changes: Partial<Omit<FakeHubSpotContact, 'id' | 'createdAt'>>, at = new Date()): FakeHubSpotContact {
    const contact = this.requireContact(id);
    Object.assign(contact, changes, { updatedAt: at });
    return contact;
  }

  archiveContact(id: string, at = new Date()): void {
    const contact = this.requireContact(id);
    contact.archivedAt = at;
    contact.updatedAt = at;
  }

  addDeal(fields: Partial<Omit<FakeHubSpotDeal, 'id'>> = {}): FakeHubSpotDeal {
    const now = fields.updatedAt ?? new Date();
    const deal: FakeHubSpotDeal = {
      id: String(this.nextDealId++), dealname: null, dealstage: 'appointmentscheduled', amount: null, closedate: null, ownerId: null,
      contactIds: [], createdAt: now, updatedAt: now, archivedAt: null, ...fields,
    };
    this.deals.set(deal.id, deal);
    return deal;
  }

  archiveDeal(id: string, at = new Date()): void {
    const deal = this.deals.get(id);
    if (!deal) throw new Error(`no deal ${id}`);
    deal.archivedAt = at;
    deal.updatedAt = at;
  }

  /** Contacts with an id >= `afterId`, in id order (what a list page starting at `after` scans). */
  *contactsFrom(afterId: number): Generator<FakeHubSpotContact> {
    let low = 0;
    let high = this.contactIds.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.contactIds[middle] < afterId) low = middle + 1;
      else high = middle;
    }
    for (let index = low; index < this.contactIds.length; index++) {
      const contact = this.contacts.get(String(this.contactIds[index]));
      if (contact) yield contact;
    }
  }

  private putContact(contact: FakeHubSpotContact): FakeHubSpotContact {
    this.contacts.set(contact.id, contact);
    this.contactIds.push(Number(contact.id));
    return contact;
  }

  private requireContact(id: string): FakeHubSpotContact {
    const contact = this.contacts.get(id);
    if (!contact) throw new Error(`no contact ${id}`);
    return contact;
  }
}
