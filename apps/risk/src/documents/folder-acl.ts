import type { FolderAclEffect } from '@sentinel/persistence';

/** What the folder guard knows about one folder for one caller who already passed the deal-team guard. */
export interface FolderAclFacts {
  /** Whether deal-team members (and administrators) without an entry of their own may open it. */
  teamAccess: boolean;
  /** The caller's own ACL entry, if the folder has one. */
  callerEffect: FolderAclEffect | null;
}

/**
 * The folder ACL (docs/deal-documents.md), evaluated after the deal-team guard admitted the caller:
 * a missing folder is closed; an explicit `deny` closes it whatever else holds (team membership,
 * ownership, administrator); an explicit `allow` opens it; otherwise the folder's `team_access`
 * decides. An ACL can only narrow the deal team, never widen it.
 */
export function folderAdmits(folder: FolderAclFacts | null): boolean {
  if (folder === null) return false;
  if (folder.callerEffect === 'deny') return false;
  if (folder.callerEffect === 'allow') return true;
  return folder.teamAccess;
}
