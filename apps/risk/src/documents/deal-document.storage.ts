import { Inject, Injectable } from '@nestjs/common';
import { pinnedPath, resolveInside } from '@sentinel/hardening';
import { constants, type ReadStream } from 'node:fs';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { DocumentNotFoundError } from '../errors/risk.error';
import { DEAL_DOCUMENTS_SETTINGS, type DealDocumentsSettings } from './deal-documents.settings';

export interface StoredDocumentStream {
  stream: ReadStream;
  size: number;
}

/**
 * Deal document bytes under `<STORAGE_DIR>/tenants/<TENANT_ID>/deal-documents/<deal id>/`. Every
 * path goes through resolveInside (no `..`, no symlink out of the prefix) and is opened with
 * O_NOFOLLOW, so a link swapped in after the check is refused too.
 */
@Injectable()
export class DealDocumentStorage {
  constructor(@Inject(DEAL_DOCUMENTS_SETTINGS) private readonly settings: DealDocumentsSettings) {}

  /** Writes a new file; never overwrites (O_EXCL), never follows a link. */
  async write(dealId: string, storageName: string, bytes: Uint8Array): Promise<void> {
    await mkdir(this.prefix(dealId), { recursive: true, mode: 0o750 });
    const target = await this.resolve(dealId, storageName);
    const handle = await open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o640);
    try {
      await handle.writeFile(bytes);
    } finally {
      await handle.close();
    }
  }

  /** A read stream of a stored file; a file that is gone (or was replaced by a link) is not found. */
  async read(dealId: string, storageName: string): Promise<StoredDocumentStream> {
    const target = await this.resolve(dealId, storageName);
    let handle: FileHandle;
    try {
      handle = await open(target, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ELOOP') throw new DocumentNotFoundError();
      throw error;
    }
    const { size } = await handle.stat();
    return { stream: handle.createReadStream(), size };
  }

  /** Removes a file whose database row could not be written. */
  async remove(dealId: string, storageName: string): Promise<void> {
    await rm(await this.resolve(dealId, storageName), { force: true });
  }

  private prefix(dealId: string): string {
    return pinnedPath(this.settings.storageDir, this.settings.tenantId, 'deal-documents', dealId);
  }

  private resolve(dealId: string, storageName: string): Promise<string> {
    return resolveInside(this.settings.storageDir, this.prefix(dealId), storageName);
  }
}
