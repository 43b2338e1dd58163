import { join, resolve } from 'node:path';
import { PathOutsidePrefixError } from './path-outside-prefix.error';

/** One plain path segment: no separators, no leading dot (so never `.` or `..`). */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * `<storageRoot>/tenants/<tenantId>/<segments...>` as an absolute path (security model MAGAS
 * #49). Every part must be a plain segment, so ids taken from requests cannot climb out.
 */
export function pinnedPath(storageRoot: string, tenantId: string, ...segments: string[]): string {
  for (const segment of [tenantId, ...segments]) {
    if (!SEGMENT.test(segment)) throw new PathOutsidePrefixError();
  }
  return join(resolve(storageRoot), 'tenants', tenantId, ...segments);
}
