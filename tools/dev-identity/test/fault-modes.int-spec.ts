import { startDevIdentity, type DevIdentityHandle } from '../src';
import { callIdentity } from './support/identity-calls';

describe('dev identity fault injection and call counters', () => {
  let identity: DevIdentityHandle;
  let token: string;

  beforeAll(async () => {
    identity = await startDevIdentity();
    await identity.createUser({ id: 'u-alice', tenants: [{ id: 'acme', role: 'member' }] });
    ({ token } = await identity.mintToken({ subject: 'u-alice' }));
  });

  afterEach(() => identity.setFaultMode({ mode: 'normal' }));
  afterAll(() => identity.close());

  it('unavailable: 503 on /api/*, the JWKS still served', async () => {
    await identity.setFaultMode({ mode: 'unavailable' });
    expect(await callIdentity(identity.url, '/api/user', token)).toEqual({ status: 503, body: { error: 'unavailable' } });
    expect((await callIdentity(identity.url, '/api/policies?tenant=acme', token)).status).toBe(503);
    expect((await callIdentity(identity.url, '/.well-known/jwks.json')).status).toBe(200);
  });

  it('jwks_unavailable: 503 on the JWKS, /api/* answered', async () => {
    await identity.setFaultMode({ mode: 'jwks_unavailable' });
    expect((await callIdentity(identity.url, '/.well-known/jwks.json')).status).toBe(503);
    expect((await callIdentity(identity.url, '/api/user', token)).status).toBe(200);
  });

  it('slow: answers after the delay', async () => {
    await identity.setFaultMode({ mode: 'slow', delayMs: 250 });
    const started = Date.now();
    expect((await callIdentity(identity.url, '/api/user', token)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('slow needs a delay', async () => {
    await expect(identity.setFaultMode({ mode: 'slow' })).rejects.toMatchObject({ status: 400 });
  });

  it('hang: a client with a timeout gives up; a parked call resumes when the mode is reset', async () => {
    await identity.setFaultMode({ mode: 'hang' });
    await expect(callIdentity(identity.url, '/api/user', token, { signal: AbortSignal.timeout(200) })).rejects.toThrow();

    const parked = callIdentity(identity.url, '/api/user', token);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await identity.setFaultMode({ mode: 'normal' });
    expect((await parked).status).toBe(200);
  });

  it('hang does not block close()', async () => {
    const doomed = await startDevIdentity({ fault: { mode: 'hang' } });
    const parked = callIdentity(doomed.url, '/api/user', 'any').catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await doomed.close();
    expect(Date.now() - started).toBeLessThan(1000);
    // The connection is cut: fetch fails (with Node's own TypeError, not the jest realm's).
    expect(await parked).toHaveProperty('message', 'fetch failed');
  });

  it('counts contract calls per endpoint, not admin calls, and resets', async () => {
    await identity.resetStats();
    await callIdentity(identity.url, '/api/user', token);
    await callIdentity(identity.url, '/api/user', 'garbage');
    await callIdentity(identity.url, '/api/policies?tenant=acme', token);
    await callIdentity(identity.url, '/.well-known/jwks.json');
    await identity.mintToken({ subject: 'u-alice' });

    expect(await identity.stats()).toEqual({
      calls: { '/.well-known/jwks.json': 1, '/api/user': 2, '/api/policies': 1 },
      total: 4,
    });
    await identity.resetStats();
    expect((await identity.stats()).total).toBe(0);
  });

  it('counts calls refused by a fault too: the caller did ask', async () => {
    await identity.resetStats();
    await identity.setFaultMode({ mode: 'unavailable' });
    await callIdentity(identity.url, '/api/user', token);
    expect((await identity.stats()).calls['/api/user']).toBe(1);
  });
});
