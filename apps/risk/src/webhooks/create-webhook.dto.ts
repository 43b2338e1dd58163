import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { WEBHOOK_EVENT_TYPES } from './webhook-events';

/** Event names one subscription may list (more than the known types only repeats them). */
const MAX_EVENTS = 20;

/**
 * `POST /webhooks`. Shapes are checked here (400); what the values mean (the URL's scheme, length
 * and where its host resolves, whether an event type exists) is checked by the service (422).
 */
export class CreateWebhookDto {
  @ApiProperty({ description: 'https URL of the receiver (2,048 characters at most); its host must resolve to public addresses.' })
  @IsString()
  @IsNotEmpty()
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_EVENTS)
  @IsString({ each: true })
  events!: string[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** `PATCH /webhooks/:id`: any of the fields; the secret never changes here. */
export class UpdateWebhookDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_EVENTS)
  @IsString({ each: true })
  events?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
