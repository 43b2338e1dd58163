import { IngestError, IngestErrorCode } from './ingest.error';

/** A Gmail or Calendar integration that cannot be polled (no token, or one that does not decrypt). */
export class SourceUnusableError extends IngestError {
  constructor(message: string) {
    super(IngestErrorCode.IntegrationUnusable, message);
  }
}
