import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsNotEmpty, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';

/** Routing-key suffix of the event ingest publishes for the messages one gate batch stored. */
export const TIMELINE_APPENDED_EVENT = 'timeline.appended';

/** Upper bound of messages per event: the gate's micro-batch (500) with room to spare. */
export const TIMELINE_APPENDED_MAX_MESSAGES = 1_000;

/** One stored message: ids, time, direction and source, never its body. */
export class TimelineAppendedMessage {
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

/**
 * Consumer-side contract of `timeline.appended` (ingest's TimelinePublisher is the producer): the
 * messages one gate micro-batch stored, in one event. One event per batch rather than per message
 * keeps the broker's work per stored message small (bench/README.md, ingest-gate); consumers apply
 * each message idempotently, so a redelivered or republished batch changes nothing.
 */
export class TimelineAppendedData {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TIMELINE_APPENDED_MAX_MESSAGES)
  @ValidateNested({ each: true })
  @Type(() => TimelineAppendedMessage)
  messages!: TimelineAppendedMessage[];
}
