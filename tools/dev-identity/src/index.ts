export { DevIdentityAdminClient, DevIdentityAdminError } from './dev-identity-admin.client';
export { DevIdentityEnv } from './dev-identity.env';
export * from './dev-identity.options';
export * from './dev-identity.types';
export { ADMIN_KEY_HEADER } from './http/admin-key.guard';
export { routingKeyFor, type IdentityEvent, type IdentityEventType } from './identity-event';
export { startDevIdentity } from './start-dev-identity';
