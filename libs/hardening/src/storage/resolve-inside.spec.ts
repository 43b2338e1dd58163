import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PathOutsidePrefixError } from './path-outside-prefix.error';
import { pinnedPath } from './pinned-path';
import { resolveInside } from './resolve-inside';

describe('pinnedPath', () => {
  it('builds tenants/<tenant>/<segments> under the root', () => {
    expect(pinnedPath('/srv/files', 'acme', 'chat', 'c-42')).toBe('/srv/files/tenants/acme/chat/c-42');
  });

  it.each([['..'], ['.'], ['a/b'], ['a\\b'], [''], ['%2e%2e'], ['x\u0000'], ['.hidden']])('refuses the segment %p', (segment) => {
    expect(() => pinnedPath('/srv/files', 'acme', 'chat', segment)).toThrow(PathOutsidePrefixError);
    expect(() => pinnedPath('/srv/files', segment)).toThrow(PathOutsidePrefixError);
  });
});

describe('resolveInside (real files)', () => {
  let sandbox: string;
  let root: string;
  let prefix: string;
  let outside: string;

  beforeAll(async () => {
    sandbox = await realpath(await mkdtemp(join(tmpdir(), 'hardening-')));
    root = join(sandbox, 'storage');
    outside = join(sandbox, 'outside');
    prefix = pinnedPath(root, 'acme', 'chat', 'c1');
    await mkdir(join(prefix, 'sub'), { recursive: true });
    await mkdir(pinnedPath(root, 'globex', 'chat', 'c1'), { recursive: true });
    await mkdir(outside, { recursive: true });
    await writeFile(join(prefix, 'sub', 'a.png'), 'a');
    await writeFile(join(outside, 'secret.txt'), 'secret');
    await writeFile(join(pinnedPath(root, 'globex', 'chat', 'c1'), 'other.txt'), 'other tenant');
    await symlink(join(outside, 'secret.txt'), join(prefix, 'link-out.txt'));
    await symlink(outside, join(prefix, 'dir-out'));
    await symlink(pinnedPath(root, 'globex'), join(prefix, 'tenant-hop'));
    await symlink(join(prefix, 'sub', 'a.png'), join(prefix, 'link-in.png'));
    await symlink(join(outside, 'not-yet.txt'), join(prefix, 'dangling'));
    await symlink(join(prefix, 'loop-b'), join(prefix, 'loop-a'));
    await symlink(join(prefix, 'loop-a'), join(prefix, 'loop-b'));
  });

  afterAll(() => rm(sandbox, { recursive: true, force: true }));

  it('resolves existing and not-yet-existing files inside the prefix', async () => {
    await expect(resolveInside(root, prefix, 'sub/a.png')).resolves.toBe(join(prefix, 'sub', 'a.png'));
    await expect(resolveInside(root, prefix, 'sub/./new-upload.png')).resolves.toBe(join(prefix, 'sub', 'new-upload.png'));
    await expect(resolveInside(root, prefix, 'new-dir/new.png')).resolves.toBe(join(prefix, 'new-dir', 'new.png'));
    await expect(resolveInside(root, 'tenants/acme/chat/c1', 'sub/a.png')).resolves.toBe(join(prefix, 'sub', 'a.png'));
  });

  it('follows a symlink that stays inside the prefix', async () => {
    await expect(resolveInside(root, prefix, 'link-in.png')).resolves.toBe(join(prefix, 'sub', 'a.png'));
  });

  it.each([
    ['../../globex/chat/c1/other.txt'],
    ['sub/../../c2/x'],
    ['..'],
    [''],
    ['.'],
    ['/etc/passwd'],
    ['C:/Windows/win.ini'],
    ['sub\\..\\..\\x'],
    ['a.png\u0000.txt'],
    ['%2e%2e%2f%2e%2e%2fglobex'],
    ['%2E%2E/x'],
    ['%252e%252e%252fsecret'],
    ['%25252e%25252e%25252fsecret'],
    ['..%2fsecret'],
    ['..%5csecret'],
    ['a%00.png'],
    ['%2fetc%2fpasswd'],
    ['bad%zzescape'],
    ['link-out.txt'],
    ['dir-out/secret.txt'],
    ['dir-out/new.txt'],
    ['tenant-hop/chat/c1/other.txt'],
    ['dangling'],
    ['loop-a'],
  ])('SEN-HRD-03 refuses %p', async (requested) => {
    await expect(resolveInside(root, prefix, requested)).rejects.toBeInstanceOf(PathOutsidePrefixError);
  });

  it('refuses a prefix outside the storage root', async () => {
    await expect(resolveInside(root, '../outside', 'secret.txt')).rejects.toBeInstanceOf(PathOutsidePrefixError);
    await expect(resolveInside(root, outside, 'secret.txt')).rejects.toBeInstanceOf(PathOutsidePrefixError);
  });

  it('SEN-HRD-03 refuses a prefix that a symlinked directory takes out of the storage root', async () => {
    await symlink(outside, join(root, 'tenants', 'linked'));
    await expect(resolveInside(root, pinnedPath(root, 'linked'), 'secret.txt')).rejects.toBeInstanceOf(PathOutsidePrefixError);
    await expect(resolveInside(root, pinnedPath(root, 'linked'), 'new-upload.pdf')).rejects.toBeInstanceOf(PathOutsidePrefixError);
  });

  it('answers 400 without echoing the path', () => {
    expect(new PathOutsidePrefixError().getStatus()).toBe(400);
    expect(new PathOutsidePrefixError().getResponse()).toEqual({ error: 'path_outside_prefix', message: 'The requested path is not allowed.' });
  });
});
