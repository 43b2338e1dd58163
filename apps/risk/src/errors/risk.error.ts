/** Codes of risk's domain errors; each maps to one HTTP status in RiskErrorFilter. */
export enum RiskErrorCode {
  DealNotFound = 'deal_not_found',
  NoteEmpty = 'note_empty',
  TeamMemberNotFound = 'team_member_not_found',
  OwnerNotRemovable = 'owner_not_removable',
}

const HTTP_STATUS_BY_CODE: Record<RiskErrorCode, number> = {
  [RiskErrorCode.DealNotFound]: 404,
  [RiskErrorCode.NoteEmpty]: 400,
  [RiskErrorCode.TeamMemberNotFound]: 404,
  [RiskErrorCode.OwnerNotRemovable]: 409,
};

/** Base of risk's domain errors. Messages are fixed text, never a deal's content. */
export class RiskError extends Error {
  constructor(
    readonly code: RiskErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  getStatus(): number {
    return HTTP_STATUS_BY_CODE[this.code];
  }
}

/** No live deal with this id (deleted deals included): always 404, for members and strangers alike. */
export class DealNotFoundError extends RiskError {
  constructor() {
    super(RiskErrorCode.DealNotFound, 'Deal not found.');
  }
}

/** A note whose body is empty once sanitized (e.g. nothing but a script tag). */
export class NoteEmptyError extends RiskError {
  constructor() {
    super(RiskErrorCode.NoteEmpty, 'The note body is empty after sanitizing.');
  }
}

/** The user is not an explicitly added member of the deal's team. */
export class TeamMemberNotFoundError extends RiskError {
  constructor() {
    super(RiskErrorCode.TeamMemberNotFound, 'No such member on the deal team.');
  }
}

/** The owner comes from the CRM sync; removing them here would be undone by the next sync. */
export class OwnerNotRemovableError extends RiskError {
  constructor() {
    super(RiskErrorCode.OwnerNotRemovable, "The deal's owner comes from the CRM sync and cannot be removed.");
  }
}
