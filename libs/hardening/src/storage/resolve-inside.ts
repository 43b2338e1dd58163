import { lstat, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { PathOutsidePrefixError } from './path-outside-prefix.error';

const MAX_DECODE_LAYERS = 3;

function isInside(parent: string, child: string, allowEqual = false): boolean {
  const rel = relative(parent, child);
  if (rel === '') return allowEqual;
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function assertPlainRelative(candidate: string): void {
  const escapes =
    candidate.includes('\0') ||
    candidate.includes('\\') ||
    candidate.startsWith('/') ||
    /^[A-Za-z]:/.test(candidate) ||
    candidate.split('/').includes('..');
  if (escapes) throw new PathOutsidePrefixError();
}

/**
 * Checks the path as given and as up to three URL-decoding layers would read it, so a later
 * decoder (proxy, framework, storage SDK) cannot turn `%252e%252e%252f` into `../`. Malformed or
 * deeper encodings are refused outright: stored names are generated, they never need `%`.
 */
function assertNoTraversal(requested: string): void {
  let current = requested;
  for (let layer = 0; ; layer++) {
    assertPlainRelative(current);
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      throw new PathOutsidePrefixError();
    }
    if (decoded === current) return;
    if (layer === MAX_DECODE_LAYERS) throw new PathOutsidePrefixError();
    current = decoded;
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/**
 * The real path of `target`, or of its nearest existing ancestor joined with the missing tail
 * (files about to be written do not exist yet). A dangling symlink is refused: writing through it
 * would create its target wherever it points.
 */
async function realpathOfNearest(target: string): Promise<string> {
  const tail: string[] = [];
  for (let current = target; ; current = dirname(current)) {
    try {
      return join(await realpath(current), ...tail);
    } catch (error) {
      if (errorCode(error) === 'ELOOP') throw new PathOutsidePrefixError();
      if (errorCode(error) !== 'ENOENT' || dirname(current) === current) throw error;
      const danglingLink = await lstat(current).then(
        () => true,
        () => false,
      );
      if (danglingLink) throw new PathOutsidePrefixError();
      tail.unshift(basename(current));
    }
  }
}

/**
 * Resolves a client-supplied relative path under a pinned prefix (see pinnedPath) and returns its
 * real absolute path, or throws PathOutsidePrefixError for `..`, encoded traversal, absolute
 * paths, backslashes, NUL bytes, symlinks whose real target lies outside the prefix, and a prefix
 * that is itself (through a linked directory) outside the storage root.
 * Open the result with O_NOFOLLOW where possible: a link swapped in after this check is not seen.
 */
export async function resolveInside(storageRoot: string, prefix: string, requestedRelativePath: string): Promise<string> {
  const root = resolve(storageRoot);
  const base = resolve(root, prefix);
  if (!isInside(root, base, true)) throw new PathOutsidePrefixError();
  assertNoTraversal(requestedRelativePath);
  const target = resolve(base, requestedRelativePath);
  if (!isInside(base, target)) throw new PathOutsidePrefixError();

  // The prefix itself (or a directory on its way) may be a link: it must stay under the root too.
  const [realRoot, realBase, realTarget] = await Promise.all([realpathOfNearest(root), realpathOfNearest(base), realpathOfNearest(target)]);
  if (!isInside(realRoot, realBase, true) || !isInside(realBase, realTarget)) throw new PathOutsidePrefixError();
  return realTarget;
}
