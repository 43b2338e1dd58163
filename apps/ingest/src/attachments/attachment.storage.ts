import { Inject, Injectable } from '@nestjs/common';
import { PathOutsidePrefixError, pinnedPath, resolveInside } from '@sentinel/hardening';
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AttachmentNotFoundError, AttachmentPathRefusedError } from '../errors/attachment.errors';

export const ATTACHMENT_STORAGE_SETTINGS = Symbol('ATTACHMENT_STORAGE_SETTINGS');

export interface AttachmentStorageSettings {
  /** Root of the storage directory; unset: attachment contents are neither fetched nor served. */
  storageDir?: string;
  tenantId: string;
}

export interface OpenedAttachment {
  handle: FileHandle;
  size: number;
}

/**
 * Attachment files under `<storage dir>/tenants/<TENANT_ID>/attachments/<message id>/<name>`. Every
 * path is resolved against the tenant's pinned prefix, so a stored name with `..`, an absolute
 * path or a symlink anywhere below the tenant directory that leads out is refused, never followed.
 */
@Injectable()
export class AttachmentStorage {
  constructor(@Inject(ATTACHMENT_STORAGE_SETTINGS) private readonly settings: AttachmentStorageSettings) {}

  get enabled(): boolean {
    return this.settings.storageDir !== undefined;
  }

  /** Writes new content under a generated name (`<random id>.<extension>`) and answers that name. */
  async write(messageId: string, extension: string, bytes: Uint8Array): Promise<string> {
    const name = `${randomUUID()}.${extension}`;
    const target = await this.resolve(messageId, name);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    await writeExclusive(target, bytes);
    return name;
  }

  async remove(messageId: string, name: string): Promise<void> {
    await unlink(await this.resolve(messageId, name)).catch(() => undefined);
  }

  /** Opens a stored file for reading; the caller closes the handle (a stream with autoClose does). */
  async open(messageId: string, name: string): Promise<OpenedAttachment> {
    const path = await this.resolve(messageId, name);
    let handle: FileHandle;
    try {
      // O_NOFOLLOW: a link swapped in after the check is refused rather than followed.
      handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new AttachmentPathRefusedError();
      throw new AttachmentNotFoundError();
    }
    const stats = await handle.stat();
    if (!stats.isFile()) {
      await handle.close();
      throw new AttachmentNotFoundError();
    }
    return { handle, size: stats.size };
  }

  private async resolve(messageId: string, name: string): Promise<string> {
    const root = this.settings.storageDir;
    if (root === undefined) throw new AttachmentNotFoundError();
    try {
      // The name is joined as text, not normalised: resolveInside must see any `..` it carries.
      return await resolveInside(root, pinnedPath(root, this.settings.tenantId), `attachments/${messageId}/${name}`);
    } catch (error) {
      if (error instanceof PathOutsidePrefixError) throw new AttachmentPathRefusedError();
      throw error;
    }
  }
}

/** O_EXCL and O_NOFOLLOW: never overwrite, and never write through a link planted at the name. */
async function writeExclusive(path: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    await handle.writeFile(bytes);
  } finally {
    await handle.close();
  }
}
