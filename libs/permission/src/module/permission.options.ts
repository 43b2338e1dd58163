export const PERMISSION_OPTIONS = Symbol('PERMISSION_OPTIONS');

export interface PermissionModuleOptions {
  /** The stack's TENANT_ID: the only tenant source. */
  tenantId: string;
  /** Base URL of the identity service. */
  identityUrl: string;
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Allow-listed asymmetric JWS algorithms. */
  algorithms: string[];
  /** Per identity call (JWKS, user, policies). */
  identityTimeoutMs: number;
  /** After this instant legacy single-tenant tokens get 401 token_shape_legacy. */
  legacyTokenCutoff: Date;
  systemApiToken: string;
  /** Injectable clock (ms since epoch), so tests can stand on either side of the cutoff. */
  now?: () => number;
  /** Tolerance for `exp`/`nbf`. Default 5 s. */
  clockToleranceSeconds?: number;
  /** Minimum time between two JWKS refetches for unknown `kid`s. Default 30 s. */
  jwksCooldownMs?: number;
  /** Capacity of each in-process first-level cache. Default 10,000. */
  firstLevelCacheSize?: number;
}

/** The settings every layer reads, with defaults applied. */
export type ResolvedPermissionOptions = Required<PermissionModuleOptions>;

export function resolvePermissionOptions(options: PermissionModuleOptions): ResolvedPermissionOptions {
  return {
    now: Date.now,
    clockToleranceSeconds: 5,
    jwksCooldownMs: 30_000,
    firstLevelCacheSize: 10_000,
    ...options,
  };
}

/** The shape BaseServiceEnv has; mapped here so libs/permission stays independent of app config classes. */
export interface PermissionEnv {
  TENANT_ID: string;
  IDENTITY_URL: string;
  IDENTITY_JWKS_URL?: string;
  IDENTITY_ISSUER: string;
  IDENTITY_AUDIENCE: string;
  IDENTITY_ALGORITHMS: string;
  IDENTITY_TIMEOUT_MS: number;
  LEGACY_TOKEN_CUTOFF: string;
  SYSTEM_API_TOKEN: string;
}

export function permissionOptionsFromEnv(env: PermissionEnv): PermissionModuleOptions {
  return {
    tenantId: env.TENANT_ID,
    identityUrl: env.IDENTITY_URL,
    jwksUrl: env.IDENTITY_JWKS_URL ?? `${env.IDENTITY_URL.replace(/\/+$/, '')}/.well-known/jwks.json`,
    issuer: env.IDENTITY_ISSUER,
    audience: env.IDENTITY_AUDIENCE,
    algorithms: env.IDENTITY_ALGORITHMS.split(','),
    identityTimeoutMs: env.IDENTITY_TIMEOUT_MS,
    legacyTokenCutoff: new Date(env.LEGACY_TOKEN_CUTOFF),
    systemApiToken: env.SYSTEM_API_TOKEN,
  };
}
