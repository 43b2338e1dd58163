import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { MESSAGE_SOURCES, type MessageSource } from '@sentinel/persistence';

/** The provider deleted an item: every stored copy with this `(source, external_id)` is removed. */
export class InboundDeletion {
  @IsIn(MESSAGE_SOURCES)
  source!: MessageSource;

  @IsString()
  @MinLength(1)
  @MaxLength(512)
  external_id!: string;
}
