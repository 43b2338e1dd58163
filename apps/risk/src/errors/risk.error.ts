/** Codes of risk's domain errors; each maps to one HTTP status in RiskErrorFilter. */
export enum RiskErrorCode {
  DealNotFound = 'deal_not_found',
  NoteEmpty = 'note_empty',
  TeamMemberNotFound = 'team_member_not_found',
  OwnerNotRemovable = 'owner_not_removable',
  FolderNameTaken = 'folder_name_taken',
  DocumentNotFound = 'document_not_found',
  DocumentFileMissing = 'document_file_missing',
  TagNameTaken = 'tag_name_taken',
  RelatedEntityNotFound = 'related_entity_not_found',
}

const HTTP_STATUS_BY_CODE: Record<RiskErrorCode, number> = {
  [RiskErrorCode.DealNotFound]: 404,
  [RiskErrorCode.NoteEmpty]: 400,
  [RiskErrorCode.TeamMemberNotFound]: 404,
  [RiskErrorCode.OwnerNotRemovable]: 409,
  [RiskErrorCode.FolderNameTaken]: 409,
  [RiskErrorCode.DocumentNotFound]: 404,
  [RiskErrorCode.DocumentFileMissing]: 400,
  [RiskErrorCode.TagNameTaken]: 409,
  [RiskErrorCode.RelatedEntityNotFound]: 422,
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

/** The deal already has a folder of that name. */
export class FolderNameTakenError extends RiskError {
  constructor() {
    super(RiskErrorCode.FolderNameTaken, 'The deal already has a folder of that name.');
  }
}

/** No such document in the folder (which the caller may open: a closed or missing folder is a 403 first). */
export class DocumentNotFoundError extends RiskError {
  constructor() {
    super(RiskErrorCode.DocumentNotFound, 'Document not found.');
  }
}

/** A multipart upload without its `file` part. */
export class DocumentFileMissingError extends RiskError {
  constructor() {
    super(RiskErrorCode.DocumentFileMissing, 'The upload has no `file` part.');
  }
}

/** A tag of that name exists already. */
export class TagNameTakenError extends RiskError {
  constructor() {
    super(RiskErrorCode.TagNameTaken, 'A tag of that name exists already.');
  }
}

/** The link names an allowed related_type, but no entity of that type with that id is linkable from this deal. */
export class RelatedEntityNotFoundError extends RiskError {
  constructor() {
    super(RiskErrorCode.RelatedEntityNotFound, 'No linkable entity of that related_type has that related_id.');
  }
}
