export type { FaultSpec } from './http/fault-injector';
export { HubSpotFake, HUBSPOT_ACCESS_TOKEN_LIFETIME_SECONDS, HUBSPOT_FAKE_HUB_ID, type HubSpotFakeRoute } from './hubspot/hubspot-fake.server';
export type { FakeHubSpotContact, FakeHubSpotDeal, SeedContactsOptions } from './hubspot/hubspot-fake.store';
export { SalesforceFake, type SalesforceFakeRoute } from './salesforce/salesforce-fake.server';
export type { FakeSalesforceContact, FakeSalesforceLead, FakeSalesforceOpportunity } from './salesforce/salesforce-fake.store';
export * from './slack';
export * from './google';
export { FakeControlServer } from './control/fake-control.server';
