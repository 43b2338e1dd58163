import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsISO8601, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** A meeting transcript as a bot posts it; its participants are the attendees' emails. */
export class BotTranscriptDto {
  @ApiProperty({ description: "The bot's id of the meeting; a repeat post of the same meeting is a duplicate." })
  @IsString()
  @Matches(/^[\x21-\x7e]{1,256}$/, { message: 'meeting_id must be 1-256 printable ASCII characters without spaces' })
  meeting_id!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(2_000)
  title!: string;

  @ApiProperty({ example: '2026-11-20T15:00:00Z' })
  @IsISO8601({ strict: true })
  started_at!: string;

  @ApiProperty({ type: [String], description: 'Attendee emails: the participants the contact gate checks.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1_000)
  @IsString({ each: true })
  @MaxLength(512, { each: true })
  @IsEmail({}, { each: true })
  attendee_emails!: string[];

  @ApiProperty()
  @IsString()
  @MaxLength(200_000)
  text!: string;

  @ApiProperty({ description: 'The Sentinel user whose meeting this is; the item is filed under one of their connected integrations.' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  // PostgreSQL text cannot hold a NUL: without this the owner lookup failed and the bot got a 503 to retry forever.
  @Matches(/^\P{Cc}*$/u, { message: 'owner_user_id must not contain control characters' })
  owner_user_id!: string;
}
