import { Injectable } from '@nestjs/common';
import type { FolderAclEffect } from '@sentinel/persistence';
import { isUUID } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import type { FolderAclFacts } from './folder-acl';

export interface FolderRecord {
  id: string;
  dealId: string;
  name: string;
  teamAccess: boolean;
  createdByUserId: string;
  createdAt: Date;
}

export interface FolderAclEntry {
  userId: string;
  effect: FolderAclEffect;
}

/** How a check holds the folder row until its transaction ends: against ACL changes, or to change it. */
export type FolderLock = 'share' | 'update';

const FOLDER_COLUMNS = 'f.id, f.deal_id, f.name, f.team_access, f.created_by_user_id, f.created_at';

interface RawFolder {
  id: string;
  deal_id: string;
  name: string;
  team_access: boolean;
  created_by_user_id: string;
  created_at: Date;
}

/** Deal folders and their ACL entries. A folder is only ever looked up within its deal. */
@Injectable()
export class DealFolderRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the folder; null when the deal already has a folder of that name. */
  async create(folder: Omit<FolderRecord, 'createdAt'>): Promise<FolderRecord | null> {
    const rows = await this.dataSource.query<RawFolder[]>(
      `INSERT INTO deal_folders AS f (id, deal_id, name, team_access, created_by_user_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT deal_folders_deal_name_key DO NOTHING
       RETURNING ${FOLDER_COLUMNS}`,
      [folder.id, folder.dealId, folder.name, folder.teamAccess, folder.createdByUserId],
    );
    return rows.map(toFolder)[0] ?? null;
  }

  /**
   * The folder's team access and the caller's own entry, or null when the deal has no such folder
   * (a malformed id included). With a lock, the folder row is held until the transaction ends.
   */
  async aclFacts(manager: EntityManager, dealId: string, folderId: string, userId: string, lock: FolderLock): Promise<FolderAclFacts | null> {
    if (!isUUID(folderId)) return null;
    const rows = await manager.query<Array<{ team_access: boolean; effect: FolderAclEffect | null }>>(
      `SELECT f.team_access, e.effect FROM deal_folders f
       LEFT JOIN deal_folder_acl_entries e ON e.folder_id = f.id AND e.user_id = $3
       WHERE f.id = $1 AND f.deal_id = $2
       FOR ${lock === 'update' ? 'UPDATE' : 'SHARE'} OF f`,
      [folderId, dealId, userId],
    );
    return rows.map((row) => ({ teamAccess: row.team_access, callerEffect: row.effect }))[0] ?? null;
  }

  /** Every folder of the deal with the caller's own entry, by name. */
  async listWithCallerEffect(dealId: string, userId: string): Promise<Array<FolderRecord & { callerEffect: FolderAclEffect | null }>> {
    const rows = await this.dataSource.query<Array<RawFolder & { effect: FolderAclEffect | null }>>(
      `SELECT ${FOLDER_COLUMNS}, e.effect FROM deal_folders f
       LEFT JOIN deal_folder_acl_entries e ON e.folder_id = f.id AND e.user_id = $2
       WHERE f.deal_id = $1 ORDER BY f.name, f.id`,
      [dealId, userId],
    );
    return rows.map((row) => ({ ...toFolder(row), callerEffect: row.effect }));
  }

  async entries(manager: EntityManager, folderId: string): Promise<FolderAclEntry[]> {
    const rows = await manager.query<Array<{ user_id: string; effect: FolderAclEffect }>>(
      `SELECT user_id, effect FROM deal_folder_acl_entries WHERE folder_id = $1 ORDER BY user_id`,
      [folderId],
    );
    return rows.map((row) => ({ userId: row.user_id, effect: row.effect }));
  }

  /** Replaces the folder's team access and entries, inside the caller's transaction. */
  async replaceAcl(manager: EntityManager, folderId: string, teamAccess: boolean, entries: readonly FolderAclEntry[]): Promise<void> {
    await manager.query(`UPDATE deal_folders SET team_access = $2 WHERE id = $1`, [folderId, teamAccess]);
    await manager.query(`DELETE FROM deal_folder_acl_entries WHERE folder_id = $1`, [folderId]);
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO deal_folder_acl_entries (folder_id, user_id, effect) SELECT $1, unnest($2::text[]), unnest($3::text[])`,
      [folderId, entries.map((entry) => entry.userId), entries.map((entry) => entry.effect)],
    );
  }
}

function toFolder(row: RawFolder): FolderRecord {
  return {
    id: row.id,
    dealId: row.deal_id,
    name: row.name,
    teamAccess: row.team_access,
    createdByUserId: row.created_by_user_id,
    createdAt: new Date(row.created_at),
  };
}
