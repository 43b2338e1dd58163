import { Inject, Injectable } from '@nestjs/common';
import { PathOutsidePrefixError, pinnedPath, resolveInside } from '@sentinel/hardening';
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, rm, unlink, type FileHandle } from 'node:fs/promises';
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
    const target = await this.resolve(fileOf(messageId, name));
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    await writeExclusive(target, bytes);
    return name;
  }

  async remove(messageId: string, name: string): Promise<void> {
    await unlink(await this.resolve(fileOf(messageId, name))).catch(() => undefined);
  }

  /** Removes every stored file of a message (its provider deleted it); nothing to do when storage is off. */
  async removeMessage(messageId: string): Promise<void> {
    if (!this.enabled) return;
    await rm(await this.resolve(`attachments/${messageId}`), { recursive: true, force: true });
  }

  /** Opens a stored file for reading; the caller closes the handle (a stream with autoClose does). */
  async open(messageId: string, name: string): Promise<OpenedAttachment> {
    const path = await this.resolve(fileOf(messageId, name));
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

  /** A path below the tenant's directory, refused when it (or a link on the way) leads out. */
  private async resolve(relativePath: string): Promise<string> {
    const root = this.settings.storageDir;
    if (root === undefined) throw new AttachmentNotFoundError();
    try {
      return await resolveInside(root, pinnedPath(root, this.settings.tenantId), relativePath);
    } catch (error) {
      if (error instanceof PathOutsidePrefixError) throw new AttachmentPathRefusedError();
      throw error;
    }
  }
}

/** Joined as text, not normalised: resolveInside must see any `..` a stored name carries. */
function fileOf(messageId: string, name: string): string {
  return `attachments/${messageId}/${name}`;
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
