import { ArrayMaxSize, IsArray, IsUUID } from 'class-validator';

/** Published by crm-sync: contacts new to the book, one event per committed page. */
export const CONTACTS_ADDED_EVENT = 'contacts.added';

export class ContactsAdded {
  @IsUUID()
  integration_id!: string;

  @IsArray()
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  contact_ids!: string[];
}
