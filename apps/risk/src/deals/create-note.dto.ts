import { IsNotEmpty, IsString } from 'class-validator';

/** `POST /deals/:id/notes`: a Markdown body; sanitizeMarkdown caps its length (413 above). */
export class CreateNoteDto {
  @IsString()
  @IsNotEmpty()
  body!: string;
}
