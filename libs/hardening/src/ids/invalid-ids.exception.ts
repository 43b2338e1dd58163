import { UnprocessableEntityException } from '@nestjs/common';

export type EntityId = string | number;

/** 422 `{ error: 'invalid_ids', duplicate_ids, unknown_ids }` naming exactly the offending ids. */
export class InvalidIdsException extends UnprocessableEntityException {
  constructor(
    readonly duplicateIds: readonly EntityId[],
    readonly unknownIds: readonly EntityId[],
  ) {
    super({
      error: 'invalid_ids',
      message: 'The id list must hold distinct ids that exist.',
      duplicate_ids: duplicateIds,
      unknown_ids: unknownIds,
    });
  }
}
