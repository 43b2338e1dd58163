import { folderAdmits } from './folder-acl';

describe('folderAdmits', () => {
  it('refuses a folder that does not exist', () => {
    expect(folderAdmits(null)).toBe(false);
  });

  it.each([
    [true, 'deny', false],
    [false, 'deny', false],
    [true, 'allow', true],
    [false, 'allow', true],
    [true, null, true],
    [false, null, false],
  ] as const)('team_access %p with the caller entry %p admits: %p', (teamAccess, callerEffect, admitted) => {
    expect(folderAdmits({ teamAccess, callerEffect })).toBe(admitted);
  });
});
