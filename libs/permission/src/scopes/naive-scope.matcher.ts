import { isConcretePermissionName, isPermissionGlob, WILDCARD_SEGMENT } from '../names/permission-name.rules';

/**
 * Reference semantics, kept deliberately obvious: split every pattern on every check and compare
 * segment by segment. A test oracle for compileScopeMatcher; never use it on a request path.
 */
export function naiveScopeMatches(patterns: readonly string[], permission: string): boolean {
  if (!isConcretePermissionName(permission)) return false;
  const segments = permission.split('.');
  return patterns.some((pattern) => {
    if (!isPermissionGlob(pattern)) return false;
    const patternSegments = pattern.split('.');
    return (
      patternSegments.length === segments.length &&
      patternSegments.every((segment, i) => segment === WILDCARD_SEGMENT || segment === segments[i])
    );
  });
}
