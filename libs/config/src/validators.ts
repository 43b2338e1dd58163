import { Transform } from 'class-transformer';
import { IsInt, IsUrl, Matches, Max, Min } from 'class-validator';

/** Tenant ids appear in queue names, routing keys, key prefixes and permission names: keep them to one safe segment. */
export const TENANT_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export const IsTenantId = () =>
  Matches(TENANT_ID_PATTERN, { message: 'must be 1-63 lowercase letters, digits or dashes (no dots)' });

export const IsPort = () => (target: object, key: string) => {
  ToInt()(target, key);
  IsInt({ message: 'must be an integer port' })(target, key);
  Min(0, { message: 'must be a port between 0 and 65535' })(target, key);
  Max(65535, { message: 'must be a port between 0 and 65535' })(target, key);
};

export const ToInt = () =>
  Transform(({ value }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value));

export const ToBoolean = () =>
  Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    if (/^(true|1|yes)$/i.test(value)) return true;
    if (/^(false|0|no)$/i.test(value)) return false;
    return value;
  });

export const IsServiceUrl = (protocols: string[]) =>
  IsUrl({ protocols, require_tld: false, require_protocol: true }, { message: `must be a ${protocols.join('/')} URL` });

/** Asymmetric JWS algorithms only: a symmetric one would let anyone holding the public key sign. */
export const ASYMMETRIC_JWS_ALGORITHMS = ['ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA'] as const;

export const IsAlgorithmList = () =>
  Matches(new RegExp(`^(?:${ASYMMETRIC_JWS_ALGORITHMS.join('|')})(?:,(?:${ASYMMETRIC_JWS_ALGORITHMS.join('|')}))*$`), {
    message: `must be a comma-separated list of ${ASYMMETRIC_JWS_ALGORITHMS.join(', ')}`,
  });

/** A UTC instant such as `2026-06-15T00:00:00Z` (an explicit offset is required, so no local-time surprises). */
export const IsIsoInstant = () =>
  Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/, {
    message: 'must be an ISO 8601 instant with an offset, e.g. 2026-06-15T00:00:00Z',
  });
