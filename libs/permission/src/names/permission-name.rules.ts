/**
 * Lexical rules shared by required permissions and granted globs. A segment is what sits between
 * two dots; keeping it to a small alphabet means no segment can smuggle a dot, a glob metacharacter
 * or a case variant past an exact comparison.
 */
export const PERMISSION_SEGMENT_PATTERN = /^[a-z0-9_-]+$/;

/** The only wildcard form: a whole segment that is exactly `*`. `foo*`, `*foo` and `**` are invalid. */
export const WILDCARD_SEGMENT = '*';

const CONCRETE_NAME_PATTERN = /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*$/;
const GLOB_NAME_PATTERN = /^(?:[a-z0-9_-]+|\*)(?:\.(?:[a-z0-9_-]+|\*))*$/;

/** A name that can be required: one or more valid segments and no wildcard. */
export function isConcretePermissionName(name: string): boolean {
  return CONCRETE_NAME_PATTERN.test(name);
}

/** A name that can be granted: one or more segments, each valid or exactly `*`. */
export function isPermissionGlob(pattern: string): boolean {
  return GLOB_NAME_PATTERN.test(pattern);
}
