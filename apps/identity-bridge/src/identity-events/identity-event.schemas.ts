import { IsInt, IsNotEmpty, IsString, MaxLength, Min, ValidateIf } from 'class-validator';

/** This stack's consumer of identity events: queue `sentinel.<TENANT_ID>.identity-bridge.identity-events`. */
export const IDENTITY_EVENTS_CONSUMER = 'identity-bridge.identity-events';

export const IdentityEventType = {
  PolicyUpdated: 'policy.updated',
  UserDeactivated: 'user.deactivated',
  MembershipRevoked: 'membership.revoked',
} as const;
export type IdentityEventType = (typeof IdentityEventType)[keyof typeof IdentityEventType];

/** The only binding of the queue: this tenant's identity events and nothing else. */
export function identityEventsPattern(tenantId: string): string {
  return `tenant.${tenantId}.#`;
}

/** `policy.updated` data; `user_id: null` means every user of the tenant. */
export class PolicyUpdatedData {
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  user_id!: string | null;

  @IsInt()
  @Min(0)
  version!: number;
}

/** `user.deactivated` and `membership.revoked` data. */
export class UserEventData {
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  user_id!: string;
}
