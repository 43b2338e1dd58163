import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';

/** Routing-key suffix of the event ingest publishes for each stored message. */
export const TIMELINE_APPENDED_EVENT = 'timeline.appended';

/**
 * Consumer-side contract of `timeline.appended` (ingest's TimelinePublisher is the producer):
 * ids, time, direction and source of a stored message, never its body.
 */
export class TimelineAppendedData {
  @IsUUID()
  message_id!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  user_id!: string;

  @IsUUID()
  integration_id!: string;

  @IsIn(['slack', 'gmail', 'calendar', 'meeting_bot'])
  source!: 'slack' | 'gmail' | 'calendar' | 'meeting_bot';

  @IsIn(['inbound', 'outbound'])
  direction!: 'inbound' | 'outbound';

  @IsISO8601({ strict: true })
  occurred_at!: string;

  @IsArray()
  @ArrayMaxSize(1_000)
  @IsUUID('all', { each: true })
  matched_contact_ids!: string[];
}
