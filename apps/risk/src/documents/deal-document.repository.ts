import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface DocumentRecord {
  id: string;
  dealId: string;
  folderId: string;
  storageName: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  uploadedByUserId: string;
  createdAt: Date;
}

export type DocumentSortField = 'created_at' | 'file_name' | 'size_bytes';

const COLUMNS = 'id, deal_id, folder_id, storage_name, file_name, mime_type, size_bytes, uploaded_by_user_id, created_at';

interface RawDocument {
  id: string;
  deal_id: string;
  folder_id: string;
  storage_name: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  uploaded_by_user_id: string;
  created_at: Date;
}

/** Deal documents; a document is only ever looked up within its folder. */
@Injectable()
export class DealDocumentRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, document: Omit<DocumentRecord, 'createdAt'>): Promise<DocumentRecord> {
    const [row] = await manager.query<RawDocument[]>(
      `INSERT INTO deal_documents (id, deal_id, folder_id, storage_name, file_name, mime_type, size_bytes, uploaded_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [document.id, document.dealId, document.folderId, document.storageName, document.fileName, document.mimeType, document.sizeBytes, document.uploadedByUserId],
    );
    return documentRecordOf(row);
  }

  /** One page of a folder; `field` comes from the route's sort allow-list, never from the request as text. */
  async page(folderId: string, field: DocumentSortField, direction: 'ASC' | 'DESC', offset: number, limit: number): Promise<{ rows: DocumentRecord[]; total: number }> {
    const column = SORT_COLUMNS[field];
    const order = direction === 'ASC' ? 'ASC' : 'DESC';
    const rows = await this.dataSource.query<RawDocument[]>(
      `SELECT ${COLUMNS} FROM deal_documents WHERE folder_id = $1 ORDER BY ${column} ${order}, id ${order} LIMIT $2 OFFSET $3`,
      [folderId, limit, offset],
    );
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(`SELECT count(*)::int AS total FROM deal_documents WHERE folder_id = $1`, [folderId]);
    return { rows: rows.map(documentRecordOf), total };
  }

  async findInFolder(manager: EntityManager, folderId: string, documentId: string): Promise<DocumentRecord | undefined> {
    const rows = await manager.query<RawDocument[]>(`SELECT ${COLUMNS} FROM deal_documents WHERE id = $1 AND folder_id = $2`, [documentId, folderId]);
    return rows.map(documentRecordOf)[0];
  }

  /** Moves the document if it is (still) in the source folder; returns whether it moved. */
  async move(manager: EntityManager, documentId: string, sourceFolderId: string, targetFolderId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `WITH moved AS (UPDATE deal_documents SET folder_id = $3 WHERE id = $1 AND folder_id = $2 RETURNING 1) SELECT * FROM moved`,
      [documentId, sourceFolderId, targetFolderId],
    );
    return rows.length > 0;
  }
}

const SORT_COLUMNS: Record<DocumentSortField, string> = { created_at: 'created_at', file_name: 'file_name', size_bytes: 'size_bytes' };

function documentRecordOf(row: RawDocument): DocumentRecord {
  return {
    id: row.id,
    dealId: row.deal_id,
    folderId: row.folder_id,
    storageName: row.storage_name,
    fileName: row.file_name,
    mimeType: row.mime_type,
    sizeBytes: row.size_bytes,
    uploadedByUserId: row.uploaded_by_user_id,
    createdAt: new Date(row.created_at),
  };
}
