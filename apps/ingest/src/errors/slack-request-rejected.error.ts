import { IngestError, IngestErrorCode } from './ingest.error';

/** Why a Slack request was refused; the token is returned to the caller and counted. */
export type SlackRejectionReason =
  | 'signing_not_configured'
  | 'missing_headers'
  | 'malformed_timestamp'
  | 'stale_timestamp'
  | 'bad_signature';

/** A request to the Slack receiver that is not provably from Slack: 401, nothing queued. */
export class SlackRequestRejectedError extends IngestError {
  constructor(readonly reason: SlackRejectionReason) {
    super(IngestErrorCode.SlackSignatureRejected, `Slack request rejected: ${reason}`);
  }
}

/** A correctly signed request whose body is not an Events API payload: 400. */
export class SlackPayloadInvalidError extends IngestError {
  constructor() {
    super(IngestErrorCode.SlackPayloadInvalid, 'Slack request body is not a valid Events API payload');
  }
}
