/** Codes of every ingest domain error; each maps to one HTTP status or worker decision. */
export enum IngestErrorCode {
  SlackSignatureRejected = 'slack_signature_rejected',
  SlackPayloadInvalid = 'slack_payload_invalid',
  SlackTokenRejected = 'slack_token_rejected',
  SlackRateLimited = 'slack_rate_limited',
  SlackUnavailable = 'slack_unavailable',
  IntegrationUnusable = 'integration_unusable',
  ContactBookUnavailable = 'contact_book_unavailable',
  MessageNotFound = 'message_not_found',
  IntegrationNotFound = 'integration_not_found',
  LedgerRangeInvalid = 'ledger_range_invalid',
  GooglePushRejected = 'google_push_rejected',
  GooglePushInvalid = 'google_push_invalid',
  AttachmentNotFound = 'attachment_not_found',
  AttachmentPathRefused = 'attachment_path_refused',
  BotTokenRejected = 'bot_token_rejected',
  BotOwnerNotConnected = 'bot_owner_not_connected',
}

const HTTP_STATUS_BY_CODE: Partial<Record<IngestErrorCode, number>> = {
  [IngestErrorCode.SlackSignatureRejected]: 401,
  [IngestErrorCode.SlackPayloadInvalid]: 400,
  [IngestErrorCode.MessageNotFound]: 404,
  [IngestErrorCode.IntegrationNotFound]: 404,
  [IngestErrorCode.LedgerRangeInvalid]: 400,
  [IngestErrorCode.GooglePushRejected]: 401,
  [IngestErrorCode.GooglePushInvalid]: 400,
  [IngestErrorCode.AttachmentNotFound]: 404,
  [IngestErrorCode.AttachmentPathRefused]: 403,
  [IngestErrorCode.BotTokenRejected]: 401,
  [IngestErrorCode.BotOwnerNotConnected]: 422,
};

/** Base of ingest's domain errors. Messages are fixed text: never an address, body or token. */
export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** HTTP status when raised by a receiver (IngestErrorFilter answers with it). */
  getStatus(): number {
    return HTTP_STATUS_BY_CODE[this.code] ?? 500;
  }
}
