import { Injectable } from '@nestjs/common';
import { AuditTrail, auditActor } from '@sentinel/audit';
import { pageWindow, parseSort } from '@sentinel/hardening';
import type { AuthenticatedPrincipal } from '@sentinel/permission';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DealAccessService } from '../deals/deal-access.service';
import type { Page } from '../deals/deal.view';
import { FolderNameTakenError } from '../errors/risk.error';
import { DealFolderAccessService } from './deal-folder-access.service';
import { DealFolderRepository, type FolderRecord } from './deal-folder.repository';
import { DEAL_DOCUMENTS_VIEW, DEAL_FOLDERS_MANAGE } from './document-permissions';
import type { FolderAclView, FolderView } from './document.view';
import type { FoldersListQuery } from './documents-list.query';
import type { CreateFolderDto, ReplaceFolderAclDto } from './folder.dto';
import { folderAdmits } from './folder-acl';

/**
 * Deal folders and their ACLs. Creating folders and changing an ACL is the deal owner's (or an
 * administrator's) call, like the team itself; it is not folder access, so an owner an entry
 * denies can still lift the entry (the change is audited).
 */
@Injectable()
export class DealFoldersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deals: DealAccessService,
    private readonly folderAccess: DealFolderAccessService,
    private readonly folders: DealFolderRepository,
    private readonly audit: AuditTrail,
  ) {}

  async create(principal: AuthenticatedPrincipal, dealId: string, dto: CreateFolderDto): Promise<FolderView> {
    await this.deals.assertOwner(principal, dealId, DEAL_FOLDERS_MANAGE);
    const folder = await this.folders.create({ id: randomUUID(), dealId, name: dto.name, teamAccess: dto.team_access ?? true, createdByUserId: principal.userId });
    if (folder === null) throw new FolderNameTakenError();
    await this.audit.record({
      event: 'deal_folder.created',
      actor: auditActor(principal),
      subject: { type: 'deal', id: dealId },
      properties: { folder_id: folder.id, team_access: folder.teamAccess },
    });
    return toFolderView(folder);
  }

  /** The folders the caller may open (folders the ACL closes to them are left out), paged. */
  async list(principal: AuthenticatedPrincipal, dealId: string, query: FoldersListQuery): Promise<Page<FolderView>> {
    await this.deals.assertTeamAccess(principal, dealId, DEAL_DOCUMENTS_VIEW);
    const open = (await this.folders.listWithCallerEffect(dealId, principal.userId)).filter((folder) => folderAdmits(folder));
    const { field, direction } = parseSort(query.sort);
    const sorted = field === 'name' ? open : [...open].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    const ordered = direction === 'ASC' ? sorted : [...sorted].reverse();
    const { offset, limit } = pageWindow(query);
    return { data: ordered.slice(offset, offset + limit).map(toFolderView), page: query.page, per_page: query.per_page, total: open.length };
  }

  async acl(principal: AuthenticatedPrincipal, dealId: string, folderId: string): Promise<FolderAclView> {
    await this.deals.assertOwner(principal, dealId, DEAL_FOLDERS_MANAGE);
    return this.dataSource.transaction(async (manager) => {
      const facts = await this.folders.aclFacts(manager, dealId, folderId, principal.userId, 'share');
      if (facts === null) throw this.folderAccess.denied(principal, folderId, DEAL_FOLDERS_MANAGE);
      return toAclView(folderId, facts.teamAccess, await this.folders.entries(manager, folderId));
    });
  }

  /** Replaces the ACL under the folder's row lock, so no document check sees half of it; audited in the same commit. */
  async replaceAcl(principal: AuthenticatedPrincipal, dealId: string, folderId: string, dto: ReplaceFolderAclDto): Promise<FolderAclView> {
    await this.deals.assertOwner(principal, dealId, DEAL_FOLDERS_MANAGE);
    const entries = dto.entries.map((entry) => ({ userId: entry.user_id, effect: entry.effect }));
    return this.dataSource.transaction(async (manager) => {
      const facts = await this.folders.aclFacts(manager, dealId, folderId, principal.userId, 'update');
      if (facts === null) throw this.folderAccess.denied(principal, folderId, DEAL_FOLDERS_MANAGE);
      await this.folders.replaceAcl(manager, folderId, dto.team_access, entries);
      await this.audit.record(
        {
          event: 'deal_folder.acl_changed',
          actor: auditActor(principal),
          subject: { type: 'deal', id: dealId },
          properties: {
            folder_id: folderId,
            team_access: dto.team_access,
            allow_entries: entries.filter((entry) => entry.effect === 'allow').length,
            deny_entries: entries.filter((entry) => entry.effect === 'deny').length,
          },
        },
        manager,
      );
      return toAclView(folderId, dto.team_access, entries);
    });
  }
}

function toFolderView(folder: FolderRecord): FolderView {
  return { id: folder.id, deal_id: folder.dealId, name: folder.name, team_access: folder.teamAccess, created_at: folder.createdAt.toISOString() };
}

function toAclView(folderId: string, teamAccess: boolean, entries: ReadonlyArray<{ userId: string; effect: 'allow' | 'deny' }>): FolderAclView {
  return { folder_id: folderId, team_access: teamAccess, entries: entries.map((entry) => ({ user_id: entry.userId, effect: entry.effect })) };
}
