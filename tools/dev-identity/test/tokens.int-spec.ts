import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { startDevIdentity, type DevIdentityHandle } from '../src';
import { callIdentity } from './support/identity-calls';

describe('dev identity tokens', () => {
  let identity: DevIdentityHandle;
  let verifyAgainstJwks: (token: string) => ReturnType<typeof jwtVerify>;

  beforeAll(async () => {
    identity = await startDevIdentity({ algorithms: ['ES256', 'RS256'], issuer: 'https://identity.test', audience: 'sentinel' });
    await identity.createUser({ id: 'u-alice', tenants: [{ id: 'acme', role: 'member' }, { id: 'globex', role: 'admin' }] });
    await identity.createUser({ id: 'u-root', tenants: [], isSystemAdmin: true });
    await identity.createServiceAccount({ id: 'sa-sync', tenants: [{ id: 'acme', role: 'service' }], scopes: ['tenant.acme.crm.*.view'] });
    verifyAgainstJwks = (token) => {
      // A fresh key set per call: rotation tests must not see a cached JWKS.
      const jwks = createRemoteJWKSet(new URL(identity.jwksUrl));
      return jwtVerify(token, jwks, { issuer: identity.issuer, audience: identity.audience, typ: 'at+jwt' });
    };
  });

  afterAll(() => identity.close());

  it('mints the contract header and claims, verifiable with the JWKS served over HTTP', async () => {
    const { token } = await identity.mintToken({ subject: 'u-alice', ttlSeconds: 120 });
    const { payload, protectedHeader } = await verifyAgainstJwks(token);

    expect(protectedHeader).toEqual({ alg: 'ES256', kid: expect.any(String), typ: 'at+jwt' });
    const jwks = (await callIdentity(identity.url, '/.well-known/jwks.json')).body as { keys: { kid: string }[] };
    expect(jwks.keys.map((key) => key.kid)).toContain(protectedHeader.kid);
    expect(payload).toEqual({
      iss: 'https://identity.test',
      aud: 'sentinel',
      sub: 'u-alice',
      iat: expect.any(Number),
      exp: expect.any(Number),
      jti: expect.any(String),
      tenants: [
        { id: 'acme', role: 'member' },
        { id: 'globex', role: 'admin' },
      ],
    });
    expect(Number(payload.exp) - Number(payload.iat)).toBe(120);
  });

  it('serves public keys only', async () => {
    const { body } = await callIdentity(identity.url, '/.well-known/jwks.json');
    for (const key of (body as { keys: Record<string, unknown>[] }).keys) {
      expect(key).toEqual(expect.objectContaining({ kid: expect.any(String), alg: expect.any(String), use: 'sig' }));
      expect(key).not.toHaveProperty('d');
    }
  });

  it('marks system administrators and gives service accounts their scopes', async () => {
    const root = await verifyAgainstJwks((await identity.mintToken({ subject: 'u-root' })).token);
    expect(root.payload.is_system_admin).toBe(true);
    expect(root.payload).not.toHaveProperty('scopes');

    const service = await verifyAgainstJwks((await identity.mintToken({ subject: 'sa-sync' })).token);
    expect(service.payload.scopes).toEqual(['tenant.acme.crm.*.view']);
    expect(service.payload).not.toHaveProperty('is_system_admin');
  });

  it('adds nbf and impersonator_id on request', async () => {
    const { token } = await identity.mintToken({ subject: 'u-alice', notBeforeSeconds: 0, impersonatorId: 'u-root' });
    const { payload } = await verifyAgainstJwks(token);
    expect(payload.nbf).toBe(payload.iat);
    expect(payload.impersonator_id).toBe('u-root');
  });

  it('mints the legacy shape: one tenant_id and no tenants', async () => {
    const { token } = await identity.mintToken({ subject: 'u-alice', legacyTenantId: 'acme' });
    const { payload } = await verifyAgainstJwks(token);
    expect(payload.tenant_id).toBe('acme');
    expect(payload).not.toHaveProperty('tenants');
  });

  it('signs with RS256 when asked', async () => {
    const { token } = await identity.mintToken({ subject: 'u-alice', alg: 'RS256' });
    const { protectedHeader } = await verifyAgainstJwks(token);
    expect(protectedHeader.alg).toBe('RS256');
  });

  it('applies hostile claim and header overrides verbatim', async () => {
    const { token, claims } = await identity.mintToken({
      subject: 'u-alice',
      claims: { aud: 'someone-else', exp: 'later', tenants: [{ id: 'evil', role: 'owner' }] },
      omitClaims: ['jti'],
      header: { typ: 'JWT' },
    });
    expect(claims).toEqual(expect.objectContaining({ aud: 'someone-else', exp: 'later', tenants: [{ id: 'evil', role: 'owner' }] }));
    expect(claims).not.toHaveProperty('jti');
    expect(decodeProtectedHeader(token).typ).toBe('JWT');
    await expect(verifyAgainstJwks(token)).rejects.toThrow();
  });

  it('rotates keys: the new kid signs, the old one verifies until removed', async () => {
    const before = await identity.mintToken({ subject: 'u-alice' });
    const rotated = await identity.rotateKeys('ES256');
    const after = await identity.mintToken({ subject: 'u-alice' });

    expect(after.header.kid).toBe(rotated.kid);
    expect(rotated.kid).not.toBe(before.header.kid);
    expect((await callIdentity(identity.url, '/api/user', before.token)).status).toBe(200);
    await expect(verifyAgainstJwks(before.token)).resolves.toBeDefined();

    await identity.removeKey(before.header.kid as string);
    const keys = await identity.listKeys();
    expect(keys.map((key) => key.kid)).not.toContain(before.header.kid);
    expect(keys).toContainEqual({ kid: rotated.kid, alg: 'ES256', signing: true });
    expect(await callIdentity(identity.url, '/api/user', before.token)).toEqual({ status: 401, body: { error: 'token_invalid' } });
    await expect(verifyAgainstJwks(before.token)).rejects.toThrow();
    expect((await callIdentity(identity.url, '/api/user', after.token)).status).toBe(200);
  });

  it('rejects a token whose kid the JWKS does not hold', async () => {
    const { token } = await identity.mintToken({ subject: 'u-alice', header: { kid: 'no-such-kid' } });
    expect(await callIdentity(identity.url, '/api/user', token)).toEqual({ status: 401, body: { error: 'token_invalid' } });
  });
});
