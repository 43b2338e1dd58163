/** Every failure the dev identity service reports; the HTTP layer maps each code to one status. */
export enum DevIdentityErrorCode {
  TokenInvalid = 'token_invalid',
  AdminKeyInvalid = 'admin_key_invalid',
  ValidationFailed = 'validation_failed',
  InvalidJson = 'invalid_json',
  PayloadTooLarge = 'payload_too_large',
  NotFound = 'not_found',
  Conflict = 'conflict',
  NotAMember = 'not_a_member',
  NoSigningKey = 'no_signing_key',
  EventsDisabled = 'events_disabled',
  EventPublishFailed = 'event_publish_failed',
  Unavailable = 'unavailable',
}

export class DevIdentityError extends Error {
  constructor(
    readonly code: DevIdentityErrorCode,
    readonly details: string[] = [],
  ) {
    super(details.length > 0 ? `${code}: ${details.join('; ')}` : code);
    this.name = 'DevIdentityError';
  }
}
