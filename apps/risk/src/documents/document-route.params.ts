import { IsString, IsUUID } from 'class-validator';

/**
 * `/deals/:id/folders/:folder_id`. The folder id is only required to be text: any value that is not
 * a folder of this deal (a malformed one included) gets the folder guard's 403, never a 400 or 404.
 */
export class DealFolderParams {
  @IsUUID()
  id!: string;

  @IsString()
  folder_id!: string;
}

/** `/deals/:id/folders/:folder_id/documents/:document_id`. */
export class DealDocumentParams extends DealFolderParams {
  @IsUUID()
  document_id!: string;
}
