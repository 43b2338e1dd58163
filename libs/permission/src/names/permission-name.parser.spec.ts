import { PermissionNameError, PermissionNameErrorCode } from './permission-name.error';
import { expandPermission, parsePermission } from './permission-name.parser';

function codeOf(action: () => unknown): PermissionNameErrorCode | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof PermissionNameError) return error.code;
    throw error;
  }
  return undefined;
}

describe('expandPermission', () => {
  it('prefixes the tenant to a route short permission', () => {
    expect(expandPermission('acme', 'crm.contacts.view')).toBe('tenant.acme.crm.contacts.view');
    expect(expandPermission('acme-eu', 'crm.time_entries.export')).toBe(
      'tenant.acme-eu.crm.time_entries.export',
    );
  });

  it.each([
    ['crm.*.view', PermissionNameErrorCode.WildcardNotAllowed],
    ['crm.contacts.*', PermissionNameErrorCode.WildcardNotAllowed],
    ['crm.contacts.vi*', PermissionNameErrorCode.WildcardNotAllowed],
    ['crm..view', PermissionNameErrorCode.InvalidSegment],
    ['crm.Contacts.view', PermissionNameErrorCode.InvalidSegment],
    ['crm.contacts.view ', PermissionNameErrorCode.InvalidSegment],
    ['crm.contacts', PermissionNameErrorCode.InvalidShape],
    ['crm.contacts.view.extra', PermissionNameErrorCode.InvalidShape],
    ['hr.contacts.view', PermissionNameErrorCode.InvalidShape],
    ['', PermissionNameErrorCode.InvalidShape],
  ])('rejects the short permission %j with %s', (short, code) => {
    expect(codeOf(() => expandPermission('acme', short))).toBe(code);
  });

  it.each([
    ['*', PermissionNameErrorCode.WildcardNotAllowed],
    ['', PermissionNameErrorCode.InvalidSegment],
    ['ac.me', PermissionNameErrorCode.InvalidSegment],
    ['Acme', PermissionNameErrorCode.InvalidSegment],
  ])('rejects the tenant id %j with %s', (tenantId, code) => {
    expect(codeOf(() => expandPermission(tenantId, 'crm.contacts.view'))).toBe(code);
  });
});

describe('parsePermission', () => {
  it('gives tenant, resource (the 403 resource_type) and verb', () => {
    expect(parsePermission('tenant.acme.crm.tasks.update')).toEqual({
      tenantId: 'acme',
      resource: 'tasks',
      verb: 'update',
    });
  });

  it('round-trips with expandPermission', () => {
    expect(parsePermission(expandPermission('t-1', 'crm.deals.view'))).toEqual({
      tenantId: 't-1',
      resource: 'deals',
      verb: 'view',
    });
  });

  it.each([
    ['tenant.acme.crm.tasks.*', PermissionNameErrorCode.WildcardNotAllowed],
    ['tenant.*.crm.tasks.view', PermissionNameErrorCode.WildcardNotAllowed],
    ['tenant.acme.crm..view', PermissionNameErrorCode.InvalidSegment],
    ['tenant.acme.hr.tasks.view', PermissionNameErrorCode.InvalidShape],
    ['tenants.acme.crm.tasks.view', PermissionNameErrorCode.InvalidShape],
    ['tenant.acme.crm.tasks', PermissionNameErrorCode.InvalidShape],
    ['tenant.acme.crm.tasks.view.extra', PermissionNameErrorCode.InvalidShape],
  ])('rejects %j with %s', (permission, code) => {
    expect(codeOf(() => parsePermission(permission))).toBe(code);
  });
});
