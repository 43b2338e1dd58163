import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { GATE_OUTCOMES } from '../gate/gate-outcome';

/** Published only when the worker settled deliveries but could not write their ledger entries. */
export const LEDGER_SETTLEMENT_EVENT = 'ingest.ledger.settlement';

export const SETTLEMENT_MARKS = [...GATE_OUTCOMES, 'withdrawn'] as const;

export class LedgerSettlementEntry {
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  event_id!: string;

  /** Absent when the worker never learnt the delivery's integrations. */
  @IsOptional()
  @IsUUID()
  integration_id?: string;

  @IsString()
  @MaxLength(32)
  source!: string;

  @IsIn(SETTLEMENT_MARKS)
  mark!: (typeof SETTLEMENT_MARKS)[number];
}

/** Ids and outcome tokens of settled deliveries: never an address or a body. */
export class LedgerSettlement {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => LedgerSettlementEntry)
  entries!: LedgerSettlementEntry[];
}
