import { IngestError, IngestErrorCode } from './ingest.error';

/** No stored attachment with this id on a message the caller may see: missing, hidden and refused look the same. */
export class AttachmentNotFoundError extends IngestError {
  constructor() {
    super(IngestErrorCode.AttachmentNotFound, 'attachment not found');
  }
}

/** The stored file resolves outside its pinned prefix (`..`, absolute, a symlink out): never served. */
export class AttachmentPathRefusedError extends IngestError {
  constructor() {
    super(IngestErrorCode.AttachmentPathRefused, 'attachment path refused');
  }
}
