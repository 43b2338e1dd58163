// Request bodies of the admin endpoints. Tenant ids are strict: they end up in routing keys.
import { IsTenantId } from '@sentinel/config';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  FAULT_MODES,
  SIGNING_ALGORITHMS,
  type FaultMode,
  type FaultSettings,
  type MintTokenInput,
  type PolicyInput,
  type RawEventInput,
  type ServiceAccountInput,
  type SigningAlgorithm,
  type TenantMembership,
  type UserInput,
} from './dev-identity.types';

const MAX_ID_LENGTH = 200;

class TenantMembershipDto implements TenantMembership {
  @IsTenantId()
  id!: string;

  @IsString()
  @IsNotEmpty()
  role!: string;
}

export class UserDto implements UserInput {
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_ID_LENGTH)
  id!: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TenantMembershipDto)
  tenants!: TenantMembershipDto[];

  @IsOptional()
  @IsBoolean()
  isSystemAdmin?: boolean;
}

export class ServiceAccountDto implements ServiceAccountInput {
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_ID_LENGTH)
  id!: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TenantMembershipDto)
  tenants!: TenantMembershipDto[];

  @IsArray()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  scopes!: string[];
}

export class PolicyDto implements PolicyInput {
  @IsString()
  @IsNotEmpty()
  userId!: string;

  @IsTenantId()
  tenantId!: string;

  @IsArray()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  permissions!: string[];
}

class TokenHeaderDto {
  @IsOptional()
  @IsString()
  kid?: string;

  @IsOptional()
  @IsString()
  typ?: string;
}

/** Deliberately loose where hostile tests need room: any subject, any legacy tenant, any claim override. */
export class MintTokenDto implements MintTokenInput {
  @IsString()
  @IsNotEmpty()
  subject!: string;

  @IsOptional()
  @IsInt()
  ttlSeconds?: number;

  @IsOptional()
  @IsInt()
  notBeforeSeconds?: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  impersonatorId?: string;

  @IsOptional()
  @IsIn(SIGNING_ALGORITHMS)
  alg?: SigningAlgorithm;

  @IsOptional()
  @IsString()
  legacyTenantId?: string;

  @IsOptional()
  @IsObject()
  claims?: Record<string, unknown>;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  omitClaims?: string[];

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TokenHeaderDto)
  header?: TokenHeaderDto;
}

export class RevokeTokenDto {
  @IsString()
  @IsNotEmpty()
  jti!: string;
}

export class RotateKeyDto {
  @IsOptional()
  @IsIn(SIGNING_ALGORITHMS)
  alg?: SigningAlgorithm;
}

export class FaultSettingsDto implements FaultSettings {
  @IsIn(FAULT_MODES)
  mode!: FaultMode;

  @ValidateIf((settings: FaultSettingsDto) => settings.mode === 'slow' || settings.delayMs !== undefined)
  @IsInt()
  @Min(0)
  @Max(600_000)
  delayMs?: number;
}

export class RawEventDto implements RawEventInput {
  @IsString()
  @IsNotEmpty()
  routingKey!: string;

  @IsDefined()
  payload!: unknown;

  @IsOptional()
  @IsString()
  messageId?: string;

  @IsOptional()
  @IsString()
  contentType?: string;

  @IsOptional()
  @IsBoolean()
  persistent?: boolean;
}
