import { IngestError, IngestErrorCode } from './ingest.error';

export type BotTokenRejectionReason = 'missing_token' | 'malformed_token' | 'invalid_token';

/** A `POST /bot/items` without a live bot token: 401 with a reason token, nothing queued. */
export class BotTokenRejectedError extends IngestError {
  constructor(readonly reason: BotTokenRejectionReason) {
    super(IngestErrorCode.BotTokenRejected, `bot token rejected: ${reason}`);
  }
}

/** The transcript's owner has no connected integration to file it under: 422, nothing queued. */
export class BotOwnerNotConnectedError extends IngestError {
  constructor() {
    super(IngestErrorCode.BotOwnerNotConnected, 'the owner user has no connected integration');
  }
}
