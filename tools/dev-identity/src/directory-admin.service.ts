import { DevIdentityError, DevIdentityErrorCode } from './dev-identity.error';
import type { Policy, PolicyInput, Principal, ServiceAccountInput, UserInput } from './dev-identity.types';
import { identityEvent } from './identity-event';
import type { IdentityDirectory } from './identity-directory.store';
import type { IdentityEventsPublisher } from './identity-events.publisher';

/** Directory changes, each followed by the event the contract promises for it. */
export class DirectoryAdminService {
  constructor(
    private readonly directory: IdentityDirectory,
    private readonly publisher: IdentityEventsPublisher,
  ) {}

  /** Creates or replaces a user; publishes nothing (use the calls below for evented changes). */
  createUser(input: UserInput): Principal {
    return this.directory.upsert({ kind: 'user', id: input.id, tenants: input.tenants, isSystemAdmin: input.isSystemAdmin ?? false });
  }

  createServiceAccount(input: ServiceAccountInput): Principal {
    return this.directory.upsert({
      kind: 'service_account',
      id: input.id,
      tenants: input.tenants,
      isSystemAdmin: false,
      scopes: input.scopes,
    });
  }

  /** Every tenant the principal belongs to hears about it on its own routing key. */
  async deactivate(id: string): Promise<void> {
    const principal = this.directory.deactivate(id);
    await Promise.all(
      principal.tenants.map((tenant) =>
        this.publisher.publish(identityEvent('user.deactivated', tenant.id, { user_id: principal.id })),
      ),
    );
  }

  async revokeMembership(userId: string, tenantId: string): Promise<void> {
    this.directory.removeMembership(userId, tenantId);
    await this.publisher.publish(identityEvent('membership.revoked', tenantId, { user_id: userId }));
  }

  async setPolicy(input: PolicyInput): Promise<Policy> {
    if (!this.directory.find(input.userId)) throw new DevIdentityError(DevIdentityErrorCode.NotFound, ['principal']);
    if (!this.directory.isMember(input.userId, input.tenantId)) throw new DevIdentityError(DevIdentityErrorCode.NotAMember);
    const policy = this.directory.setPolicy(input.tenantId, input.userId, input.permissions);
    await this.publisher.publish(
      identityEvent('policy.updated', input.tenantId, { user_id: input.userId, version: policy.version }),
    );
    return policy;
  }

  revokeToken(jti: string): void {
    this.directory.revokeToken(jti);
  }
}
