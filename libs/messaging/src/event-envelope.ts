import { IsISO8601, IsNotEmpty, IsObject, IsString, MaxLength } from 'class-validator';

/**
 * The envelope of every event on the wire, shared with the identity contract:
 * `{ id, type, tenant_id, occurred_at, data }`. `id` makes redelivery harmless.
 */
export class EventEnvelope<TData extends object = Record<string, unknown>> {
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  id!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  type!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(63)
  tenant_id!: string;

  @IsISO8601({ strict: true })
  occurred_at!: string;

  @IsObject()
  data!: TData;
}
