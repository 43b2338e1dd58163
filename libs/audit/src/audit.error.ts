/** Codes of the audit library's domain errors. */
export enum AuditErrorCode {
  PropertyRejected = 'audit_property_rejected',
}

export class AuditError extends Error {
  constructor(
    readonly code: AuditErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A property that looks like PII was offered to the trail. The message names the key, never the value. */
export class AuditPropertyRejectedError extends AuditError {
  constructor(readonly key: string) {
    super(AuditErrorCode.PropertyRejected, `audit property "${key}" looks like personal data`);
  }
}
