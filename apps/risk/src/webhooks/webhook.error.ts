/** Codes of the webhook errors; each maps to one HTTP status in WebhookErrorFilter. */
export enum WebhookErrorCode {
  NotFound = 'webhook_not_found',
  TargetUrlInvalid = 'target_url_invalid',
  TargetNotAllowed = 'target_not_allowed',
  TargetUnresolvable = 'target_unresolvable',
  EventUnknown = 'event_unknown',
  KeyMissing = 'webhook_key_missing',
}

const HTTP_STATUS_BY_CODE: Record<WebhookErrorCode, number> = {
  [WebhookErrorCode.NotFound]: 404,
  [WebhookErrorCode.TargetUrlInvalid]: 422,
  [WebhookErrorCode.TargetNotAllowed]: 422,
  [WebhookErrorCode.TargetUnresolvable]: 422,
  [WebhookErrorCode.EventUnknown]: 422,
  [WebhookErrorCode.KeyMissing]: 503,
};

/** A webhook error. Messages are fixed text plus tokens (a category, an event name); never a URL. */
export class WebhookError extends Error {
  constructor(
    readonly code: WebhookErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  getStatus(): number {
    return HTTP_STATUS_BY_CODE[this.code];
  }
}

export class WebhookNotFoundError extends WebhookError {
  constructor() {
    super(WebhookErrorCode.NotFound, 'Webhook not found.');
  }
}

export class TargetUrlInvalidError extends WebhookError {
  constructor(reason: string) {
    super(WebhookErrorCode.TargetUrlInvalid, `The target URL is not acceptable: ${reason}.`);
  }
}

/** The target resolves to an address in a refused range (SSRF guard). */
export class TargetNotAllowedError extends WebhookError {
  constructor(readonly category: string) {
    super(WebhookErrorCode.TargetNotAllowed, `The target resolves to a ${category.replace(/_/g, '-')} address, which is not allowed.`);
  }
}

export class TargetUnresolvableError extends WebhookError {
  constructor() {
    super(WebhookErrorCode.TargetUnresolvable, 'The target host does not resolve.');
  }
}

export class EventUnknownError extends WebhookError {
  constructor(allowed: readonly string[]) {
    super(WebhookErrorCode.EventUnknown, `Unknown event type; allowed: ${allowed.join(', ')}.`);
  }
}

/** INTEGRATION_ENCRYPTION_KEY is not configured: no secret can be sealed or opened. */
export class WebhookKeyMissingError extends WebhookError {
  constructor() {
    super(WebhookErrorCode.KeyMissing, 'Webhooks are not configured on this stack (no encryption key).');
  }
}
