import { isPermissionGlob, WILDCARD_SEGMENT } from '../names/permission-name.rules';
import { PermissionSplitCache } from './permission-split.cache';

/** A token's scopes or a policy's grants, compiled once and then checked many times. */
export interface ScopeMatcher {
  /**
   * True when `permission` is a valid concrete name matched by at least one granted glob.
   * A malformed permission (empty segment, `*`, upper case, ...) never matches: fail-closed.
   */
  matches(permission: string): boolean;
  /** Grants that were not valid globs; they grant nothing. Callers count or log them. */
  readonly rejectedPatterns: readonly string[];
}

/** One trie level: exact-segment edges plus at most one `*` edge. */
interface TrieNode {
  readonly literals: Map<string, TrieNode>;
  wildcard: TrieNode | null;
}

/** Shared by every matcher: permission names are global, while matchers are per token or policy. */
const sharedSplitCache = new PermissionSplitCache(1024);

/**
 * Compiles granted globs once. Most grants are exact names, so those go into a Set: one probe on a
 * string whose hash V8 has already cached. Globs go into one segment trie per segment count;
 * because a trie only holds patterns of its own length, reaching the end of the permission inside
 * it is a match, with no per-node flag and no length comparison per pattern.
 */
export function compileScopeMatcher(patterns: Iterable<string>): ScopeMatcher {
  const exactNames = new Set<string>();
  const globRootsBySegmentCount: (TrieNode | undefined)[] = [];
  const rejectedPatterns: string[] = [];
  for (const pattern of patterns) {
    if (!isPermissionGlob(pattern)) {
      rejectedPatterns.push(pattern);
    } else if (!pattern.includes(WILDCARD_SEGMENT)) {
      exactNames.add(pattern);
    } else {
      const segments = pattern.split('.');
      let node = (globRootsBySegmentCount[segments.length] ??= newNode());
      for (const segment of segments) node = childFor(node, segment);
    }
  }
  return new CompiledScopeMatcher(exactNames, globRootsBySegmentCount, rejectedPatterns);
}

class CompiledScopeMatcher implements ScopeMatcher {
  private readonly hasGlobs: boolean;

  constructor(
    /** Only valid concrete names, so a hit also proves the permission well-formed. */
    private readonly exactNames: ReadonlySet<string>,
    private readonly globRootsBySegmentCount: readonly (TrieNode | undefined)[],
    readonly rejectedPatterns: readonly string[],
  ) {
    this.hasGlobs = globRootsBySegmentCount.length > 0;
  }

  matches(permission: string): boolean {
    if (this.exactNames.has(permission)) return true;
    if (!this.hasGlobs) return false;
    const segments = sharedSplitCache.segmentsOf(permission);
    if (segments === null) return false;
    const root = this.globRootsBySegmentCount[segments.length];
    return root !== undefined && matchFrom(root, segments, 0);
  }
}

/**
 * Follows exact edges in a loop and recurses into a `*` edge only where both exist. Each trie node
 * is visited at most once per check, so the work is bounded by the trie's size, never exponential.
 */
function matchFrom(start: TrieNode, segments: readonly string[], from: number): boolean {
  let node = start;
  for (let i = from; i < segments.length; i++) {
    const exact = node.literals.get(segments[i]);
    const wildcard = node.wildcard;
    if (exact === undefined) {
      if (wildcard === null) return false;
      node = wildcard;
    } else {
      if (wildcard !== null && matchFrom(wildcard, segments, i + 1)) return true;
      node = exact;
    }
  }
  return true;
}

function childFor(node: TrieNode, segment: string): TrieNode {
  if (segment === WILDCARD_SEGMENT) return (node.wildcard ??= newNode());
  let child = node.literals.get(segment);
  if (child === undefined) {
    child = newNode();
    node.literals.set(segment, child);
  }
  return child;
}

function newNode(): TrieNode {
  return { literals: new Map(), wildcard: null };
}
