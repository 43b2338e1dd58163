/** Public shapes of the dev identity service: admin inputs and outputs, shared by the server and its client. */

export const SIGNING_ALGORITHMS = ['ES256', 'RS256'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

export interface TenantMembership {
  id: string;
  role: string;
}

export interface UserInput {
  id: string;
  tenants: TenantMembership[];
  isSystemAdmin?: boolean;
}

export interface ServiceAccountInput {
  id: string;
  tenants: TenantMembership[];
  scopes: string[];
}

export type PrincipalKind = 'user' | 'service_account';

/** A user or a service account; both are token subjects. */
export interface Principal {
  kind: PrincipalKind;
  id: string;
  tenants: TenantMembership[];
  isSystemAdmin: boolean;
  /** Service accounts only. */
  scopes?: string[];
  active: boolean;
}

export interface PolicyInput {
  userId: string;
  tenantId: string;
  permissions: string[];
}

export interface Policy {
  tenantId: string;
  userId: string;
  /** Starts at 0 (no policy) and increments on every change of this user's policy in this tenant. */
  version: number;
  permissions: string[];
}

export interface MintTokenInput {
  /** User or service-account id. Need not exist, so tests can mint tokens for unknown subjects. */
  subject: string;
  /** Lifetime from now; zero or negative mints an already expired token. Default: the service's TTL. */
  ttlSeconds?: number;
  /** Sets `nbf` to now + this many seconds. */
  notBeforeSeconds?: number;
  impersonatorId?: string;
  alg?: SigningAlgorithm;
  /** Mints the legacy shape: this single `tenant_id` and no `tenants`. */
  legacyTenantId?: string;
  /** Merged over the computed claims, for hostile tests (wrong `iss`, string `exp`, ...). */
  claims?: Record<string, unknown>;
  /** Claim names removed after the merge. */
  omitClaims?: string[];
  /** Header overrides; the token is still signed with the current key of `alg`. */
  header?: { kid?: string; typ?: string };
}

export interface MintedToken {
  token: string;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

export interface KeyInfo {
  kid: string;
  alg: SigningAlgorithm;
  /** True for the key that signs new tokens of its algorithm; older keys only verify. */
  signing: boolean;
}

export const FAULT_MODES = ['normal', 'unavailable', 'slow', 'hang', 'jwks_unavailable'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

export interface FaultSettings {
  mode: FaultMode;
  /** Delay before answering in `slow` mode. */
  delayMs?: number;
}

export const COUNTED_ENDPOINTS = ['/.well-known/jwks.json', '/api/user', '/api/policies'] as const;
export type CountedEndpoint = (typeof COUNTED_ENDPOINTS)[number];

export interface CallStats {
  calls: Record<CountedEndpoint, number>;
  total: number;
}

export interface RawEventInput {
  routingKey: string;
  /** A string is published byte for byte (so it may be malformed JSON); anything else as JSON. */
  payload: unknown;
  messageId?: string;
  /** Default `application/json`. */
  contentType?: string;
  /** Default true. */
  persistent?: boolean;
}

/** The admin operations, offered over HTTP (`/admin/*`) and as typed methods. */
export interface DevIdentityAdmin {
  createUser(input: UserInput): Promise<Principal>;
  createServiceAccount(input: ServiceAccountInput): Promise<Principal>;
  deactivateUser(id: string): Promise<void>;
  revokeMembership(userId: string, tenantId: string): Promise<void>;
  setPolicy(input: PolicyInput): Promise<Policy>;
  mintToken(input: MintTokenInput): Promise<MintedToken>;
  revokeToken(jti: string): Promise<void>;
  listKeys(): Promise<KeyInfo[]>;
  rotateKeys(alg?: SigningAlgorithm): Promise<KeyInfo>;
  removeKey(kid: string): Promise<void>;
  setFaultMode(settings: FaultSettings): Promise<void>;
  stats(): Promise<CallStats>;
  resetStats(): Promise<void>;
  publishRawEvent(input: RawEventInput): Promise<void>;
}

export interface DevIdentityHandle extends DevIdentityAdmin {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly jwksUrl: string;
  readonly issuer: string;
  readonly audience: string;
  readonly adminKey: string;
  /** The variables that point a Sentinel service at this identity (URL, issuer, audience). */
  readonly serviceEnv: Record<'IDENTITY_URL' | 'IDENTITY_ISSUER' | 'IDENTITY_AUDIENCE', string>;
  close(): Promise<void>;
}
