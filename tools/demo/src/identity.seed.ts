// The dev identity is an application, but its admin client is meant for operator tooling like this.
import { DevIdentityAdminClient, DevIdentityAdminError } from '@sentinel/dev-identity';
import { DEMO_ANALYST, DEMO_OUTSIDER } from './demo-scenario';

/** Long enough for an afternoon with the printed curl commands. */
const DEMO_TOKEN_TTL_SECONDS = 8 * 3600;

export interface DemoTokens {
  analyst: string;
  outsider: string;
}

/** The two demo users with their policies, then a token for each. Safe to repeat. */
export async function seedIdentity(admin: DevIdentityAdminClient, tenantId: string): Promise<DemoTokens> {
  for (const user of [DEMO_ANALYST, DEMO_OUTSIDER]) {
    await createOnce(admin, user.id, tenantId);
    await admin.setPolicy({ userId: user.id, tenantId, permissions: user.permissions.map((permission) => `tenant.${tenantId}.${permission}`) });
  }
  const [analyst, outsider] = await Promise.all(
    [DEMO_ANALYST.id, DEMO_OUTSIDER.id].map((subject) => admin.mintToken({ subject, ttlSeconds: DEMO_TOKEN_TTL_SECONDS })),
  );
  return { analyst: analyst.token, outsider: outsider.token };
}

async function createOnce(admin: DevIdentityAdminClient, id: string, tenantId: string): Promise<void> {
  try {
    await admin.createUser({ id, tenants: [{ id: tenantId, role: 'member' }] });
  } catch (error) {
    if (!(error instanceof DevIdentityAdminError && error.status === 409)) throw error;
  }
}
