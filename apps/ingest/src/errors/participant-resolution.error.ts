import { IngestError, IngestErrorCode } from './ingest.error';

/**
 * Participants could not be resolved, so the item cannot be checked. `transient` failures
 * (rate limit, network) are retried through the broker; the others fail closed at once.
 */
export class ParticipantResolutionError extends IngestError {
  constructor(
    code:
      | IngestErrorCode.SlackTokenRejected
      | IngestErrorCode.SlackRateLimited
      | IngestErrorCode.SlackUnavailable
      | IngestErrorCode.IntegrationUnusable,
    message: string,
  ) {
    super(code, message);
  }

  get transient(): boolean {
    return this.code === IngestErrorCode.SlackRateLimited || this.code === IngestErrorCode.SlackUnavailable;
  }
}

/** The contact book (or another gate table) could not be read or written in time. */
export class ContactBookUnavailableError extends IngestError {
  constructor(readonly step: string) {
    super(IngestErrorCode.ContactBookUnavailable, `contact book unavailable during ${step}`);
  }
}
