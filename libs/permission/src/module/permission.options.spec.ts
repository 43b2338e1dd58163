import { permissionOptionsFromEnv, type PermissionEnv } from './permission.options';

const env: PermissionEnv = {
  TENANT_ID: 'acme',
  IDENTITY_URL: 'https://identity.example/auth/',
  IDENTITY_ISSUER: 'https://identity.example/auth',
  IDENTITY_AUDIENCE: 'sentinel',
  IDENTITY_ALGORITHMS: 'ES256,RS256',
  IDENTITY_TIMEOUT_MS: 2000,
  LEGACY_TOKEN_CUTOFF: '2026-06-15T00:00:00Z',
  SYSTEM_API_TOKEN: 's'.repeat(32),
};

describe('permissionOptionsFromEnv', () => {
  it('maps the environment, defaulting the JWKS under the identity base URL (path kept)', () => {
    expect(permissionOptionsFromEnv(env)).toEqual({
      tenantId: 'acme',
      identityUrl: 'https://identity.example/auth/',
      jwksUrl: 'https://identity.example/auth/.well-known/jwks.json',
      issuer: 'https://identity.example/auth',
      audience: 'sentinel',
      algorithms: ['ES256', 'RS256'],
      identityTimeoutMs: 2000,
      legacyTokenCutoff: new Date('2026-06-15T00:00:00Z'),
      systemApiToken: 's'.repeat(32),
    });
  });

  it('uses an explicit IDENTITY_JWKS_URL as is', () => {
    expect(permissionOptionsFromEnv({ ...env, IDENTITY_JWKS_URL: 'https://keys.example/jwks' }).jwksUrl).toBe('https://keys.example/jwks');
  });
});
