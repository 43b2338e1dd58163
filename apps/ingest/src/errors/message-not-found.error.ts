import { IngestError, IngestErrorCode } from './ingest.error';

/** No message with this id that the caller may see: a missing one and a hidden one look the same. */
export class MessageNotFoundError extends IngestError {
  constructor() {
    super(IngestErrorCode.MessageNotFound, 'message not found');
  }
}
