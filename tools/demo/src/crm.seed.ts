import { DEMO_CONTACTS, DEMO_DEALS } from './demo-scenario';
import { requestJson } from './http-json.client';

/** Contacts and deals in the HubSpot fake (idempotent there: by email and by deal name). */
export async function seedCrm(fakesUrl: string): Promise<void> {
  for (const contact of DEMO_CONTACTS) {
    await requestJson(`${fakesUrl}/hubspot/contacts`, { method: 'POST', body: JSON.stringify(contact) });
  }
  for (const deal of DEMO_DEALS) {
    await requestJson(`${fakesUrl}/hubspot/deals`, { method: 'POST', body: JSON.stringify(deal) });
  }
}
