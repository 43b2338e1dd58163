import { SortQuery } from '@sentinel/hardening';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export const CONTACT_SORT_FIELDS = ['synced_at', 'email', 'last_name', 'external_updated_at'] as const;

/** `GET /contacts` query: page, per_page (<= 100), a whitelisted sort, optional integration and email filters. */
export class ContactsListQuery extends SortQuery(CONTACT_SORT_FIELDS, '-synced_at') {
  @IsOptional()
  @IsUUID()
  integration_id?: string;

  /** Matches any address of a contact (primary or additional), after the sync's normalization. */
  @IsOptional()
  @IsString()
  @MaxLength(320)
  email?: string;
}
