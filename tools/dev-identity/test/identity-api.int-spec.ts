import { ADMIN_KEY_HEADER, DevIdentityAdminError, startDevIdentity, type DevIdentityHandle } from '../src';
import { callIdentity } from './support/identity-calls';

const REJECTED = { status: 401, body: { error: 'token_invalid' } };

describe('dev identity HTTP API', () => {
  let identity: DevIdentityHandle;

  beforeAll(async () => {
    identity = await startDevIdentity();
    await identity.createUser({ id: 'u-alice', tenants: [{ id: 'acme', role: 'member' }, { id: 'globex', role: 'member' }] });
    await identity.createServiceAccount({ id: 'sa-sync', tenants: [{ id: 'acme', role: 'service' }], scopes: ['tenant.acme.crm.contacts.view'] });
  });

  afterAll(() => identity.close());

  const mint = async (subject: string, options: Partial<Parameters<DevIdentityHandle['mintToken']>[0]> = {}) =>
    (await identity.mintToken({ subject, ...options })).token;

  describe('GET /api/user', () => {
    it('answers the current directory entry of the token subject', async () => {
      expect(await callIdentity(identity.url, '/api/user', await mint('u-alice'))).toEqual({
        status: 200,
        body: {
          id: 'u-alice',
          tenants: [
            { id: 'acme', role: 'member' },
            { id: 'globex', role: 'member' },
          ],
          is_system_admin: false,
        },
      });
    });

    it('adds scopes for a service account and impersonator_id when the token carries one', async () => {
      expect((await callIdentity(identity.url, '/api/user', await mint('sa-sync'))).body).toEqual({
        id: 'sa-sync',
        tenants: [{ id: 'acme', role: 'service' }],
        is_system_admin: false,
        scopes: ['tenant.acme.crm.contacts.view'],
      });
      const impersonated = await callIdentity(identity.url, '/api/user', await mint('u-alice', { impersonatorId: 'u-admin' }));
      expect(impersonated.body).toEqual(expect.objectContaining({ id: 'u-alice', impersonator_id: 'u-admin' }));
    });

    it.each([
      ['no token', undefined],
      ['garbage', 'not.a.jwt'],
      ['an unsigned token', `${Buffer.from('{"alg":"none","typ":"at+jwt"}').toString('base64url')}.${Buffer.from('{"sub":"u-alice"}').toString('base64url')}.`],
    ])('rejects %s with 401 token_invalid', async (_label, token) => {
      expect(await callIdentity(identity.url, '/api/user', token)).toEqual(REJECTED);
    });

    it.each([
      ['an expired token', { ttlSeconds: -5 }],
      ['a token not valid yet', { notBeforeSeconds: 600 }],
      ['another issuer', { claims: { iss: 'https://elsewhere.test' } }],
      ['another audience', { claims: { aud: 'other-product' } }],
      ['a token without exp', { omitClaims: ['exp'] }],
      ['a token typed JWT instead of at+jwt', { header: { typ: 'JWT' } }],
    ])('rejects %s', async (_label, options) => {
      expect(await callIdentity(identity.url, '/api/user', await mint('u-alice', options))).toEqual(REJECTED);
    });

    it('rejects a subject it does not know', async () => {
      expect(await callIdentity(identity.url, '/api/user', await mint('u-nobody'))).toEqual(REJECTED);
    });

    it('rejects a revoked token but not its siblings', async () => {
      const revoked = await identity.mintToken({ subject: 'u-alice' });
      const sibling = await mint('u-alice');
      await identity.revokeToken(revoked.claims.jti as string);
      expect(await callIdentity(identity.url, '/api/user', revoked.token)).toEqual(REJECTED);
      expect((await callIdentity(identity.url, '/api/user', sibling)).status).toBe(200);
    });

    it('rejects every token of a deactivated user', async () => {
      await identity.createUser({ id: 'u-leaver', tenants: [{ id: 'acme', role: 'member' }] });
      const token = await mint('u-leaver');
      expect((await callIdentity(identity.url, '/api/user', token)).status).toBe(200);
      await identity.deactivateUser('u-leaver');
      expect(await callIdentity(identity.url, '/api/user', token)).toEqual(REJECTED);
    });
  });

  describe('GET /api/policies', () => {
    it('answers version 0 and no permissions before any policy is set', async () => {
      expect(await callIdentity(identity.url, '/api/policies?tenant=globex', await mint('u-alice'))).toEqual({
        status: 200,
        body: { tenant_id: 'globex', user_id: 'u-alice', version: 0, permissions: [] },
      });
    });

    it('answers the policy of the caller in the tenant, its version counting changes', async () => {
      await identity.createUser({ id: 'u-policy', tenants: [{ id: 'acme', role: 'member' }] });
      await identity.setPolicy({ userId: 'u-policy', tenantId: 'acme', permissions: ['tenant.acme.crm.contacts.view'] });
      const second = await identity.setPolicy({
        userId: 'u-policy',
        tenantId: 'acme',
        permissions: ['tenant.acme.crm.contacts.view', 'tenant.acme.crm.deals.*'],
      });
      expect(second.version).toBe(2);
      expect(await callIdentity(identity.url, '/api/policies?tenant=acme', await mint('u-policy'))).toEqual({
        status: 200,
        body: {
          tenant_id: 'acme',
          user_id: 'u-policy',
          version: 2,
          permissions: ['tenant.acme.crm.contacts.view', 'tenant.acme.crm.deals.*'],
        },
      });
    });

    it('answers no permissions once the membership is revoked', async () => {
      await identity.createUser({ id: 'u-revoked', tenants: [{ id: 'acme', role: 'member' }] });
      await identity.setPolicy({ userId: 'u-revoked', tenantId: 'acme', permissions: ['tenant.acme.crm.contacts.view'] });
      await identity.revokeMembership('u-revoked', 'acme');
      const token = await mint('u-revoked');
      expect((await callIdentity(identity.url, '/api/policies?tenant=acme', token)).body).toEqual({
        tenant_id: 'acme',
        user_id: 'u-revoked',
        version: 2,
        permissions: [],
      });
      expect((await callIdentity(identity.url, '/api/user', token)).body).toEqual(expect.objectContaining({ tenants: [] }));
    });

    it('rejects a bad token with 401 and a missing tenant with 400', async () => {
      expect(await callIdentity(identity.url, '/api/policies?tenant=acme', 'garbage')).toEqual(REJECTED);
      expect((await callIdentity(identity.url, '/api/policies', await mint('u-alice'))).status).toBe(400);
    });
  });

  describe('/admin', () => {
    it('requires the admin key', async () => {
      for (const headers of [{}, { [ADMIN_KEY_HEADER]: 'wrong-key' }] as Record<string, string>[]) {
        const response = await fetch(`${identity.url}/admin/stats`, { headers });
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual({ error: 'admin_key_invalid' });
      }
    });

    it('rejects invalid bodies with the offending properties named', async () => {
      const error = await identity
        .createUser({ id: 'u-x', tenants: [{ id: 'Not.A.Tenant', role: 'member' }] })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DevIdentityAdminError);
      expect(error).toMatchObject({ status: 400, code: 'validation_failed', details: [expect.stringMatching(/^tenants\.0\.id: /)] });

      const unknownProperty = await fetch(`${identity.url}/admin/users`, {
        method: 'POST',
        headers: { [ADMIN_KEY_HEADER]: identity.adminKey, 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'u-x', tenants: [], email: 'x@example.com' }),
      });
      expect(unknownProperty.status).toBe(400);
    });

    it('refuses a policy for a tenant the user is not in, and an unknown user', async () => {
      await expect(identity.setPolicy({ userId: 'u-alice', tenantId: 'initech', permissions: [] })).rejects.toMatchObject({
        status: 409,
        code: 'not_a_member',
      });
      await expect(identity.setPolicy({ userId: 'u-ghost', tenantId: 'acme', permissions: [] })).rejects.toMatchObject({
        status: 404,
      });
    });

    it('refuses RS256 tokens until an RS256 key exists', async () => {
      await expect(identity.mintToken({ subject: 'u-alice', alg: 'RS256' })).rejects.toMatchObject({ status: 409, code: 'no_signing_key' });
      await identity.rotateKeys('RS256');
      expect((await callIdentity(identity.url, '/api/user', await mint('u-alice', { alg: 'RS256' }))).status).toBe(200);
    });

    it('refuses raw events when no broker is configured', async () => {
      await expect(identity.publishRawEvent({ routingKey: 'tenant.acme.x', payload: {} })).rejects.toMatchObject({
        status: 409,
        code: 'events_disabled',
      });
    });
  });
});
