export * from './google-fake.server';
export * from './google-fake.store';
export * from './google-push.signer';
