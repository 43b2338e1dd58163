import { Injectable } from '@nestjs/common';
import type { AttachmentFileStatus } from '@sentinel/persistence';
import { DataSource } from 'typeorm';

export interface AttachmentFileRecord {
  id: string;
  messageId: string;
  providerId: string;
  status: AttachmentFileStatus;
  refusalReason: string | null;
  contentType: string | null;
  sizeBytes: number | null;
  storageName: string | null;
}

export type NewAttachmentFile = AttachmentFileRecord;

interface Row {
  id: string;
  message_id: string;
  provider_id: string;
  status: AttachmentFileStatus;
  refusal_reason: string | null;
  content_type: string | null;
  size_bytes: number | null;
  storage_name: string | null;
}

const COLUMNS = 'id, message_id, provider_id, status, refusal_reason, content_type, size_bytes, storage_name';

/** Stored and refused attachment contents of admitted messages. */
@Injectable()
export class AttachmentFileRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Provider ids of one message's attachments that were already stored or refused. */
  async recordedProviderIds(messageId: string): Promise<Set<string>> {
    const rows = await this.dataSource.query<Array<{ provider_id: string }>>(
      `SELECT provider_id FROM message_attachment_files WHERE message_id = $1`,
      [messageId],
    );
    return new Set(rows.map((row) => row.provider_id));
  }

  /** False when the attachment was recorded meanwhile (a redelivered event racing this one). */
  async insert(file: NewAttachmentFile): Promise<boolean> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO message_attachment_files (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (message_id, provider_id) DO NOTHING RETURNING id`,
      [file.id, file.messageId, file.providerId, file.status, file.refusalReason, file.contentType, file.sizeBytes, file.storageName],
    );
    return rows.length === 1;
  }

  async findById(id: string): Promise<AttachmentFileRecord | undefined> {
    const rows = await this.dataSource.query<Row[]>(`SELECT ${COLUMNS} FROM message_attachment_files WHERE id = $1`, [id]);
    return rows.map(toRecord)[0];
  }

  async listOfMessage(messageId: string): Promise<AttachmentFileRecord[]> {
    const rows = await this.dataSource.query<Row[]>(
      `SELECT ${COLUMNS} FROM message_attachment_files WHERE message_id = $1 ORDER BY created_at, id`,
      [messageId],
    );
    return rows.map(toRecord);
  }
}

function toRecord(row: Row): AttachmentFileRecord {
  return {
    id: row.id,
    messageId: row.message_id,
    providerId: row.provider_id,
    status: row.status,
    refusalReason: row.refusal_reason,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    storageName: row.storage_name,
  };
}
