import { naiveScopeMatches } from './naive-scope.matcher';
import { compileScopeMatcher } from './scope-matcher.compiler';

type Check = (patterns: readonly string[], permission: string) => boolean;

// Every example runs against the compiled matcher and the reference oracle alike.
const implementations: [string, Check][] = [
  ['compiled', (patterns, permission) => compileScopeMatcher(patterns).matches(permission)],
  ['naive', naiveScopeMatches],
];

describe.each(implementations)('%s matcher', (_name, check) => {
  it.each([
    ['tenant.*.crm.tasks.*', 'tenant.acme.crm.tasks.view', true],
    ['tenant.*.crm.tasks.*', 'tenant.globex.crm.tasks.delete', true],
    ['tenant.*.crm.tasks.*', 'tenant.acme.crm.tasks.view.extra', false],
    ['tenant.*.crm.tasks.*', 'tenant.acme.crm.tasks', false],
    ['tenant.*.crm.tasks.*', 'tenant.acme.hr.tasks.view', false],
    ['tenant.*.crm.tasks.*', 'tenant.acme.crm.contacts.view', false],
    ['tenant.acme.crm.*.view', 'tenant.acme.crm.deals.view', true],
    ['tenant.acme.crm.*.view', 'tenant.acme.crm.deals.notes.view', false],
    ['tenant.acme.crm.contacts.view', 'tenant.acme.crm.contacts.view', true],
    ['tenant.acme.crm.contacts.view', 'tenant.acme.crm.contacts.viewer', false],
    ['tenant.acme.crm.contacts.view', 'tenant.acme2.crm.contacts.view', false],
    ['*.*.*.*.*', 'tenant.acme.crm.contacts.view', true],
    ['*', 'tenant', true],
    ['*', 'tenant.acme', false],
  ])('%s against %s -> %s', (pattern, permission, expected) => {
    expect(check([pattern], permission)).toBe(expected);
  });

  it('matches when any one of several grants matches', () => {
    const grants = ['tenant.acme.crm.contacts.view', 'tenant.acme.crm.deals.*', 'tenant.*.crm.*.export'];
    expect(check(grants, 'tenant.acme.crm.deals.update')).toBe(true);
    expect(check(grants, 'tenant.globex.crm.notes.export')).toBe(true);
    expect(check(grants, 'tenant.acme.crm.contacts.update')).toBe(false);
  });

  it('backtracks from an exact edge to a wildcard edge', () => {
    const grants = ['tenant.acme.crm.contacts.view', 'tenant.*.crm.contacts.update'];
    expect(check(grants, 'tenant.acme.crm.contacts.update')).toBe(true);
  });

  it('grants nothing for an empty list', () => {
    expect(check([], 'tenant.acme.crm.contacts.view')).toBe(false);
  });

  // `*` is a whole-segment token only; everything else containing it is an invalid grant.
  it.each(['tenant.acme.crm.contacts*.view', 'tenant.acme.crm.*s.view', 'tenant.acme.crm.**.view', '**'])(
    'treats the partial or double wildcard %j as invalid, granting nothing',
    (pattern) => {
      expect(check([pattern], 'tenant.acme.crm.contacts.view')).toBe(false);
      expect(check([pattern], pattern)).toBe(false);
    },
  );

  it.each([
    'tenant.acme.crm.*.view',
    'tenant.acme.crm..view',
    'Tenant.acme.crm.contacts.view',
    'tenant.acme.crm.contacts.view.',
    ' tenant.acme.crm.contacts.view',
    '',
  ])('never matches the malformed permission %j, even under wildcards', (permission) => {
    expect(check(['tenant.*.crm.*.*', '*.*.*.*.*', 'tenant.acme.crm.*.view'], permission)).toBe(false);
  });
});

describe('compileScopeMatcher', () => {
  it('reports invalid grants while still honouring the valid ones', () => {
    const grants = ['tenant.acme.crm.deals.view', 'crm.*s', '', 'tenant.Acme.crm.deals.*'];
    const matcher = compileScopeMatcher(grants);
    expect(matcher.rejectedPatterns).toEqual(['crm.*s', '', 'tenant.Acme.crm.deals.*']);
    expect(matcher.matches('tenant.acme.crm.deals.view')).toBe(true);
  });

  it('accepts any iterable, duplicates included', () => {
    const grants = ['tenant.acme.crm.deals.*', 'tenant.acme.crm.deals.*', 'tenant.acme.crm.notes.view'];
    for (const matcher of [compileScopeMatcher(grants), compileScopeMatcher(new Set(grants).values())]) {
      expect(matcher.rejectedPatterns).toEqual([]);
      expect(matcher.matches('tenant.acme.crm.deals.view')).toBe(true);
      expect(matcher.matches('tenant.acme.crm.notes.view')).toBe(true);
    }
  });

  it('gives the same answer on repeated checks (split cache warm)', () => {
    const matcher = compileScopeMatcher(['tenant.*.crm.tasks.*']);
    for (let i = 0; i < 3; i++) {
      expect(matcher.matches('tenant.acme.crm.tasks.view')).toBe(true);
      expect(matcher.matches('tenant.acme.hr.tasks.view')).toBe(false);
    }
  });
});
