// Test-only: the dev identity (a tool app) stands in for the external identity service in-process.
import { startDevIdentity, type DevIdentityHandle } from '@sentinel/dev-identity';
import request from 'supertest';
import { RiskHarness } from './risk-harness';

export interface DealApiUsers {
  /** Tenant members holding every listed permission. */
  members: readonly string[];
  /** Tenant members holding none. */
  withoutPermissions?: readonly string[];
  /** System administrators (no tenant membership needed). */
  admins?: readonly string[];
}

/**
 * The risk service on its test stack behind a dev identity whose users hold the given short
 * permissions, with an authenticated supertest request per user: `api.as('user-owner').get(...)`.
 */
export class DealApi {
  private constructor(
    readonly identity: DevIdentityHandle,
    readonly harness: RiskHarness,
    private readonly tokens: ReadonlyMap<string, string>,
  ) {}

  static async start(users: DealApiUsers, permissions: readonly string[], env: Record<string, string> = {}): Promise<DealApi> {
    const identity = await startDevIdentity({});
    const harness = await RiskHarness.start({ ...identity.serviceEnv, ...env });
    const tenant = harness.stack.tenantId;
    for (const user of [...users.members, ...(users.withoutPermissions ?? [])]) await identity.createUser({ id: user, tenants: [{ id: tenant, role: 'member' }] });
    for (const user of users.admins ?? []) await identity.createUser({ id: user, tenants: [], isSystemAdmin: true });
    for (const user of users.members) {
      await identity.setPolicy({ userId: user, tenantId: tenant, permissions: permissions.map((permission) => `tenant.${tenant}.${permission}`) });
    }
    const tokens = new Map<string, string>();
    for (const user of [...users.members, ...(users.withoutPermissions ?? []), ...(users.admins ?? [])]) {
      tokens.set(user, (await identity.mintToken({ subject: user })).token);
    }
    return new DealApi(identity, harness, tokens);
  }

  /** Requests as one of the users given to start(), each with its own bearer token. */
  as(subject: string) {
    const authorization = `Bearer ${this.tokens.get(subject) ?? ''}`;
    const agent = request(this.harness.service.url);
    return {
      get: (path: string) => agent.get(path).set('Authorization', authorization),
      post: (path: string) => agent.post(path).set('Authorization', authorization),
      put: (path: string) => agent.put(path).set('Authorization', authorization),
    };
  }

  /** Audit rows of one event, oldest first (properties only: the chain itself is libs/audit's test). */
  async auditProperties(event: string): Promise<Array<Record<string, unknown>>> {
    const { rows } = await this.harness.db.query<{ properties: Record<string, unknown> }>(`SELECT properties FROM activity_log WHERE event = $1 ORDER BY seq`, [event]);
    return rows.map((row) => row.properties);
  }

  async close(): Promise<void> {
    await this.harness?.close();
    await this.identity?.close();
  }
}
