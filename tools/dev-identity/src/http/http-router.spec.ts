import { HttpRouter, type Route } from './http-router';

const route = (method: Route['method'], path: string): Route => ({
  method,
  path,
  access: 'admin',
  handle: () => ({ status: 204 }),
});

describe('HttpRouter', () => {
  const router = new HttpRouter([
    route('GET', '/admin/keys'),
    route('DELETE', '/admin/keys/:kid'),
    route('DELETE', '/admin/users/:id/tenants/:tenantId'),
  ]);

  it('matches literal paths by method', () => {
    expect(router.match('GET', '/admin/keys')?.route.path).toBe('/admin/keys');
    expect(router.match('POST', '/admin/keys')).toBeUndefined();
  });

  it('decodes named parameters', () => {
    expect(router.match('DELETE', '/admin/users/u%2F1/tenants/acme')?.params).toEqual({ id: 'u/1', tenantId: 'acme' });
  });

  it('matches whole segments only', () => {
    expect(router.match('GET', '/admin/keys/')).toBeUndefined();
    expect(router.match('DELETE', '/admin/keys/')).toBeUndefined();
    expect(router.match('DELETE', '/admin/keys/a/b')).toBeUndefined();
    expect(router.match('DELETE', '/admin/keys/%E0%A4%A')).toBeUndefined();
  });
});
