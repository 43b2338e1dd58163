import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail, auditActor } from '@sentinel/audit';
import { checkUpload, pageWindow, parseSort } from '@sentinel/hardening';
import type { AuthenticatedPrincipal } from '@sentinel/permission';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DealAccessService } from '../deals/deal-access.service';
import type { Page } from '../deals/deal.view';
import { DocumentFileMissingError, DocumentNotFoundError } from '../errors/risk.error';
import { DealDocumentRepository, type DocumentRecord } from './deal-document.repository';
import { DealDocumentStorage, type StoredDocumentStream } from './deal-document.storage';
import { DEAL_DOCUMENTS_SETTINGS, type DealDocumentsSettings } from './deal-documents.settings';
import { DealFolderAccessService } from './deal-folder-access.service';
import { documentFileName } from './document-file-name';
import { DEAL_DOCUMENTS_MOVE, DEAL_DOCUMENTS_UPLOAD, DEAL_DOCUMENTS_VIEW } from './document-permissions';
import type { DocumentView, UploadedDocumentFile } from './document.view';
import type { DocumentsListQuery } from './documents-list.query';

export interface DocumentDownload extends StoredDocumentStream {
  mimeType: string;
  /** `<document id>.<stored extension>`: generated, safe in a header. */
  downloadName: string;
}

/**
 * Deal documents behind two guards: the deal-team guard (404 missing deal, 403 `deals`), then the
 * folder ACL (403 `deal_folders` for a closed or missing folder). Uploads, downloads and moves are
 * audited with ids, type and size only.
 */
@Injectable()
export class DealDocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deals: DealAccessService,
    private readonly folderAccess: DealFolderAccessService,
    private readonly documents: DealDocumentRepository,
    private readonly storage: DealDocumentStorage,
    private readonly audit: AuditTrail,
    @Inject(DEAL_DOCUMENTS_SETTINGS) private readonly settings: DealDocumentsSettings,
  ) {}

  /**
   * Admits the file by its bytes (checkUpload: type from magic bytes, allow-list, size cap), writes
   * it as `<random id>.<detected extension>` under the pinned prefix, then records the row and the
   * audit entry in one transaction that holds the folder's row; the file is removed if that fails.
   */
  async upload(principal: AuthenticatedPrincipal, dealId: string, folderId: string, file: UploadedDocumentFile | undefined): Promise<DocumentView> {
    // Checked before the bytes are looked at or written, and again below under the row lock.
    await this.assertUploadAllowed(principal, dealId, folderId);
    if (!file) throw new DocumentFileMissingError();
    const checked = checkUpload({ bytes: file.buffer, originalName: file.originalname, declaredType: file.mimetype, maxBytes: this.settings.maxUploadBytes });
    const id = randomUUID();
    const storageName = `${id}.${checked.storedExtension}`;
    await this.storage.write(dealId, storageName, file.buffer);
    try {
      const record = await this.dataSource.transaction(async (manager) => {
        await this.folderAccess.assertFolderAccess(manager, principal, dealId, folderId, DEAL_DOCUMENTS_UPLOAD);
        const inserted = await this.documents.insert(manager, {
          id,
          dealId,
          folderId,
          storageName,
          fileName: documentFileName(file.originalname),
          mimeType: checked.mime,
          sizeBytes: file.buffer.length,
          uploadedByUserId: principal.userId,
        });
        await this.audit.record(
          {
            event: 'deal_document.uploaded',
            actor: auditActor(principal),
            subject: { type: 'deal', id: dealId },
            properties: { document_id: id, folder_id: folderId, mime_type: checked.mime, size_bytes: inserted.sizeBytes },
          },
          manager,
        );
        return inserted;
      });
      return documentViewOf(record);
    } catch (error) {
      await this.storage.remove(dealId, storageName);
      throw error;
    }
  }

  /** Both guards for an upload: the deal team (404/403 `deals`), then the folder (403 `deal_folders`). */
  async assertUploadAllowed(principal: AuthenticatedPrincipal, dealId: string, folderId: string): Promise<void> {
    await this.deals.assertTeamAccess(principal, dealId, DEAL_DOCUMENTS_UPLOAD);
    await this.dataSource.transaction((manager) => this.folderAccess.assertFolderAccess(manager, principal, dealId, folderId, DEAL_DOCUMENTS_UPLOAD));
  }

  async list(principal: AuthenticatedPrincipal, dealId: string, folderId: string, query: DocumentsListQuery): Promise<Page<DocumentView>> {
    await this.deals.assertTeamAccess(principal, dealId, DEAL_DOCUMENTS_VIEW);
    await this.dataSource.transaction((manager) => this.folderAccess.assertFolderAccess(manager, principal, dealId, folderId, DEAL_DOCUMENTS_VIEW));
    const { field, direction } = parseSort(query.sort);
    const { offset, limit } = pageWindow(query);
    const { rows, total } = await this.documents.page(folderId, field, direction, offset, limit);
    return { data: rows.map(documentViewOf), page: query.page, per_page: query.per_page, total };
  }

  /** Opens the stored bytes of a document of an open folder; the download is audited before it starts. */
  async download(principal: AuthenticatedPrincipal, dealId: string, folderId: string, documentId: string): Promise<DocumentDownload> {
    await this.deals.assertTeamAccess(principal, dealId, DEAL_DOCUMENTS_VIEW);
    const document = await this.dataSource.transaction(async (manager) => {
      await this.folderAccess.assertFolderAccess(manager, principal, dealId, folderId, DEAL_DOCUMENTS_VIEW);
      const found = await this.documents.findInFolder(manager, folderId, documentId);
      if (!found) throw new DocumentNotFoundError();
      return found;
    });
    const stored = await this.storage.read(dealId, document.storageName);
    await this.audit.record({
      event: 'deal_document.downloaded',
      actor: auditActor(principal),
      subject: { type: 'deal', id: dealId },
      properties: { document_id: documentId, folder_id: folderId },
    });
    return { ...stored, mimeType: document.mimeType, downloadName: document.storageName };
  }

  /**
   * Moves a document between two folders of the deal. Both folders are checked, and held, in the
   * move's own transaction: a source or target that is missing or closed to the caller is a 403
   * and nothing moves.
   */
  async move(principal: AuthenticatedPrincipal, dealId: string, sourceFolderId: string, documentId: string, targetFolderId: string): Promise<DocumentView> {
    await this.deals.assertTeamAccess(principal, dealId, DEAL_DOCUMENTS_MOVE);
    const moved = await this.dataSource.transaction(async (manager) => {
      // Row locks in id order, so two opposite moves cannot deadlock.
      for (const folderId of [sourceFolderId, targetFolderId].sort()) {
        await this.folderAccess.assertFolderAccess(manager, principal, dealId, folderId, DEAL_DOCUMENTS_MOVE);
      }
      const document = await this.documents.findInFolder(manager, sourceFolderId, documentId);
      if (!document || !(await this.documents.move(manager, documentId, sourceFolderId, targetFolderId))) throw new DocumentNotFoundError();
      await this.audit.record(
        {
          event: 'deal_document.moved',
          actor: auditActor(principal),
          subject: { type: 'deal', id: dealId },
          properties: { document_id: documentId, from_folder_id: sourceFolderId, to_folder_id: targetFolderId },
        },
        manager,
      );
      return { ...document, folderId: targetFolderId };
    });
    return documentViewOf(moved);
  }
}

function documentViewOf(document: DocumentRecord): DocumentView {
  return {
    id: document.id,
    deal_id: document.dealId,
    folder_id: document.folderId,
    file_name: document.fileName,
    mime_type: document.mimeType,
    size_bytes: document.sizeBytes,
    uploaded_by_user_id: document.uploadedByUserId,
    created_at: document.createdAt.toISOString(),
  };
}
