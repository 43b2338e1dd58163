import { FOLDER_ACL_EFFECTS, type FolderAclEffect } from '@sentinel/persistence';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, Matches, ValidateNested } from 'class-validator';
import { USER_ID_MESSAGE, USER_ID_PATTERN } from '../deals/deal-team.params';

/** 1-100 characters, no control characters and no path separators. */
const FOLDER_NAME = /^[^\p{Cc}/\\]{1,100}$/u;

/** `POST /deals/:id/folders`. */
export class CreateFolderDto {
  @Matches(FOLDER_NAME, { message: 'name must be 1-100 characters without control characters, / or \\' })
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  /** Whether deal-team members without an ACL entry of their own may open the folder (default true). */
  @IsOptional()
  @IsBoolean()
  team_access?: boolean;
}

export class FolderAclEntryDto {
  @Matches(USER_ID_PATTERN, { message: USER_ID_MESSAGE })
  user_id!: string;

  @IsIn(FOLDER_ACL_EFFECTS)
  effect!: FolderAclEffect;
}

/** `PUT /deals/:id/folders/:folder_id/acl`: the whole ACL; one entry per user. */
export class ReplaceFolderAclDto {
  @IsBoolean()
  team_access!: boolean;

  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique((entry: FolderAclEntryDto) => entry.user_id, { message: 'entries must name each user_id once' })
  @ValidateNested({ each: true })
  @Type(() => FolderAclEntryDto)
  entries!: FolderAclEntryDto[];
}

/** `POST /deals/:id/folders/:folder_id/documents/:document_id/move`; the target folder is checked like the source. */
export class MoveDocumentDto {
  @Matches(/^.{1,200}$/s, { message: 'target_folder_id must be 1-200 characters' })
  target_folder_id!: string;
}
