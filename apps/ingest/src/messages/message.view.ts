import type { MessageAttachment, MessageDirection, MessageSource } from '@sentinel/persistence';

/** A stored message as its owner reads it back. */
export interface MessageView {
  id: string;
  integration_id: string;
  source: MessageSource;
  external_id: string;
  slack_channel_id: string | null;
  thread_id: string | null;
  subject: string | null;
  body_text: string;
  occurred_at: string;
  direction: MessageDirection;
  matched_contact_ids: string[];
  participants_count: number;
  /** Metadata only: name, type, size and the provider's id. */
  attachments: MessageAttachment[];
  created_at: string;
}

export interface MessagePage {
  data: MessageView[];
  page: number;
  per_page: number;
  total: number;
}
