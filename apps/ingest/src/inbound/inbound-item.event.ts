import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsISO8601, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { MESSAGE_DIRECTIONS, MESSAGE_SOURCES, type MessageDirection, type MessageSource } from '@sentinel/persistence';
import { NoNulCharacters } from './no-nul-characters.decorator';

export const SLACK_ID_PATTERN = /^[A-Z0-9]{2,32}$/;

export const PARTICIPANT_ROLES = ['from', 'to', 'cc', 'bcc', 'reply_to', 'member', 'attendee'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const CONVERSATION_KINDS = ['channel', 'private_channel', 'im', 'mpim', 'email_thread', 'calendar_event', 'meeting'] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];

/** Slack conversations whose members are all participants (DMs and group DMs). */
export const MEMBER_PARTICIPANT_KINDS: readonly ConversationKind[] = ['im', 'mpim'];

/** A participant as the source saw it: a raw address, a Slack user id, or both. */
export class InboundParticipant {
  @IsIn(PARTICIPANT_ROLES)
  role!: ParticipantRole;

  /** Raw (not yet normalized) address; the worker normalizes with normalizeEmail. */
  @ValidateIf((participant: InboundParticipant) => participant.slack_user_id === undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  email?: string;

  @IsOptional()
  @Matches(SLACK_ID_PATTERN)
  slack_user_id?: string;
}

/** Metadata of an attachment: the gate stores it with the message, never the content. */
export class InboundAttachment {
  @IsString()
  @MaxLength(255)
  filename!: string;

  @IsString()
  @MaxLength(255)
  mime_type!: string;

  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  size!: number;

  @IsString()
  @MinLength(1)
  @MaxLength(1_024)
  @NoNulCharacters()
  provider_id!: string;
}

export class InboundConversation {
  @IsIn(CONVERSATION_KINDS)
  kind!: ConversationKind;

  /** Provider conversation id (Slack channel id). */
  @IsOptional()
  @IsString()
  @MaxLength(256)
  @NoNulCharacters()
  id?: string;

  @IsOptional()
  @IsString()
  @MaxLength(256)
  thread_id?: string;
}

/**
 * One inbound item from any source, the single input of the contact gate. Gmail, Calendar and
 * meeting-bot receivers know the integration they were called for and set `integration_id` and
 * `user_id`; the Slack receiver only knows the workspace (`slack_team_id`), so the worker expands
 * the item to each connected Slack integration of that workspace whose user is in the conversation.
 */
export class InboundItem {
  @IsIn(MESSAGE_SOURCES)
  source!: MessageSource;

  @ValidateIf((item: InboundItem) => item.slack_team_id === undefined)
  @IsUUID()
  integration_id?: string;

  @ValidateIf((item: InboundItem) => item.slack_team_id === undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  @NoNulCharacters()
  user_id?: string;

  @ValidateIf((item: InboundItem) => item.source === 'slack' && item.integration_id === undefined)
  @Matches(SLACK_ID_PATTERN)
  slack_team_id?: string;

  /** The provider's id of the item, unique per user and source (Slack: `<team>:<channel>:<ts>`). */
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  @NoNulCharacters()
  external_id!: string;

  @IsOptional()
  @IsString()
  @MaxLength(128)
  @NoNulCharacters()
  slack_event_id?: string;

  @IsArray()
  @ArrayMaxSize(1_000)
  @ValidateNested({ each: true })
  @Type(() => InboundParticipant)
  participants!: InboundParticipant[];

  // @ValidateNested alone lets a missing object through; the worker needs it for every item.
  @IsDefined()
  @ValidateNested()
  @Type(() => InboundConversation)
  conversation!: InboundConversation;

  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  subject?: string;

  @IsString()
  @MaxLength(200_000)
  body_text!: string;

  @IsISO8601({ strict: true })
  occurred_at!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => InboundAttachment)
  attachments?: InboundAttachment[];

  /** Derived by the worker when absent: `outbound` when the sender is the user, else `inbound`. */
  @IsOptional()
  @IsIn(MESSAGE_DIRECTIONS)
  direction?: MessageDirection;
}
