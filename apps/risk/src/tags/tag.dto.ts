import { SortQuery } from '@sentinel/hardening';
import { ArrayMaxSize, IsArray, IsString, Matches, MaxLength } from 'class-validator';

/** `POST /tags`: 1-64 characters, no control characters, not blank. */
export class CreateTagDto {
  @Matches(/^\P{Cc}{1,64}$/u, { message: 'name must be 1-64 characters without control characters' })
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;
}

/** `GET /tags`: paged, by name or creation time. */
export class TagsListQuery extends SortQuery(['name', 'created_at'], 'name') {}

/**
 * `PUT /deals/:id/tags`: the deal's whole tag set. Ids are only required to be short text here, so
 * that a malformed id is reported with the unknown ones (422 `invalid_ids`) rather than as a 400.
 */
export class SyncDealTagsDto {
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  tag_ids!: string[];
}
