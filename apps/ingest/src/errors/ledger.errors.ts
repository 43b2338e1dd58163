import { IngestError, IngestErrorCode } from './ingest.error';

/** No integration with this id that the caller owns: a missing one and someone else's look the same. */
export class IntegrationNotFoundError extends IngestError {
  constructor() {
    super(IngestErrorCode.IntegrationNotFound, 'integration not found');
  }
}

/** A ledger date range that is reversed or longer than allowed. */
export class LedgerRangeInvalidError extends IngestError {
  constructor(message: string) {
    super(IngestErrorCode.LedgerRangeInvalid, message);
  }
}
