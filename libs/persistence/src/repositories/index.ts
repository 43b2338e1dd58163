export * from './contact.repository';
export * from './deal.repository';
export * from './integration.repository';
