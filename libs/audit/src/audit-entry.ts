/** Who did it: the acting user and, when an administrator acts on their behalf, that administrator. */
export interface AuditActor {
  userId: string;
  impersonatorId?: string | null;
}

/** Property values: identifiers, counts, flags and outcome tokens. Never an address, a name or a body. */
export type AuditPropertyValue = string | number | boolean | null | readonly AuditPropertyValue[];

export interface AuditEntry {
  /** Dotted event name, e.g. `identity.policy_updated`, `integration.connected`. */
  event: string;
  actor: AuditActor;
  subject: { type: string; id: string };
  properties?: Record<string, AuditPropertyValue>;
}

/** A stored row of the chain. */
export interface AuditRecord {
  seq: number;
  event: string;
  actorUserId: string;
  impersonatorId: string | null;
  subjectType: string;
  subjectId: string;
  properties: Record<string, unknown>;
  occurredAt: Date;
  previousHash: string;
  hash: string;
}

/** Actors of actions no user token stands behind. */
export const SYSTEM_ACTORS = {
  /** The identity service, through the tenant's event queue. */
  identityEvents: 'system:identity-events',
  /** A caller of a system route holding SYSTEM_API_TOKEN (identity or an operator's automation). */
  systemToken: 'system:system-token',
} as const;

/** The actor of a user route, from the authenticated principal (impersonation included). */
export function auditActor(principal: { userId: string; impersonatorId: string | null }): AuditActor {
  return { userId: principal.userId, impersonatorId: principal.impersonatorId };
}
