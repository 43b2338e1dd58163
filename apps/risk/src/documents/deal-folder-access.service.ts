import { Inject, Injectable } from '@nestjs/common';
import { expandPermission, type AuthenticatedPrincipal } from '@sentinel/permission';
import type { EntityManager } from 'typeorm';
import { RISK_TENANT_ID } from '../deals/deal-access.service';
import { ResourceAccessDeniedException } from '../errors/resource-access-denied.exception';
import { DealFolderRepository, type FolderLock } from './deal-folder.repository';
import { folderAdmits } from './folder-acl';

export const FOLDER_RESOURCE_TYPE = 'deal_folders';

/**
 * The folder guard, run after the deal-team guard: a folder the deal does not have and a folder
 * the ACL closes get the same 403 (`resource_type: deal_folders`), so an id never tells whether
 * the folder exists, and a missing folder never falls through to the deal's rights.
 */
@Injectable()
export class DealFolderAccessService {
  constructor(
    private readonly folders: DealFolderRepository,
    @Inject(RISK_TENANT_ID) private readonly tenantId: string,
  ) {}

  /** Checks the folder inside the caller's transaction and holds its row (ACL changes wait) until it ends. */
  async assertFolderAccess(manager: EntityManager, principal: AuthenticatedPrincipal, dealId: string, folderId: string, permission: string, lock: FolderLock = 'share'): Promise<void> {
    const facts = await this.folders.aclFacts(manager, dealId, folderId, principal.userId, lock);
    if (!folderAdmits(facts)) throw this.denied(principal, folderId, permission);
  }

  /** The 403 for a folder that is missing or not the caller's to open. */
  denied(principal: AuthenticatedPrincipal, folderId: string, permission: string): ResourceAccessDeniedException {
    return new ResourceAccessDeniedException(FOLDER_RESOURCE_TYPE, expandPermission(this.tenantId, permission), principal.userId, folderId);
  }
}
