import { SetMetadata } from '@nestjs/common';

export const ROUTE_ACCESS_METADATA = 'sentinel:route-access';

/** How a route is admitted. Every route declares exactly one; an undeclared route fails the boot. */
export type RouteAccess =
  | { kind: 'permission'; permission: string }
  | { kind: 'public' }
  | { kind: 'system' };

/**
 * The short permission a route requires (`crm.contacts.view`); the gate expands it to
 * `tenant.<TENANT_ID>.crm.contacts.view`. The catalogue generator reads this decorator's literal
 * argument, so pass a string literal.
 */
export const RequirePermission = (permission: string) =>
  SetMetadata<string, RouteAccess>(ROUTE_ACCESS_METADATA, { kind: 'permission', permission });

/** Deliberately unauthenticated (health, metrics, provider webhooks that verify their own signature). */
export const PublicRoute = () => SetMetadata<string, RouteAccess>(ROUTE_ACCESS_METADATA, { kind: 'public' });

/** Only the system token (SYSTEM_API_TOKEN) is accepted; user tokens are refused. */
export const SystemRoute = () => SetMetadata<string, RouteAccess>(ROUTE_ACCESS_METADATA, { kind: 'system' });
