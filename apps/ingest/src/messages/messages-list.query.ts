import { IsOptional, IsUUID } from 'class-validator';
import { SortQuery } from '@sentinel/hardening';

export const MESSAGE_SORT_FIELDS = ['occurred_at', 'created_at'] as const;

/** `GET /messages` query: page, per_page (<= 100), a whitelisted sort, and an optional contact filter. */
export class MessagesListQuery extends SortQuery(MESSAGE_SORT_FIELDS, '-occurred_at') {
  /** Only messages admitted because of this contact. */
  @IsOptional()
  @IsUUID()
  contact_id?: string;
}
