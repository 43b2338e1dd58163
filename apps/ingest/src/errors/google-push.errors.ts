import { IngestError, IngestErrorCode } from './ingest.error';

export type GooglePushRejectionReason = 'push_not_configured' | 'missing_token' | 'invalid_token' | 'wrong_service_account';

/** A push that is not provably from our Pub/Sub subscription: 401, nothing polled. */
export class GooglePushRejectedError extends IngestError {
  constructor(readonly reason: GooglePushRejectionReason) {
    super(IngestErrorCode.GooglePushRejected, `Google push rejected: ${reason}`);
  }
}

/** An authenticated push whose body is not a Gmail notification: 400. */
export class GooglePushInvalidError extends IngestError {
  constructor() {
    super(IngestErrorCode.GooglePushInvalid, 'Google push body is not a Gmail notification');
  }
}
