import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
  NotContains,
  ValidateIf,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { compileEventSchema } from './compiled-event-schema';

class Party {
  @IsIn(['from', 'to'])
  role!: string;

  @ValidateIf((party: Party) => party.handle === undefined)
  @IsString()
  @MaxLength(20)
  email?: string;

  @IsOptional()
  @IsString()
  handle?: string;
}

class Place {
  @IsIn(['room', 'call'])
  kind!: string;
}

class Meeting {
  @IsUUID()
  id!: string;

  @IsString()
  @MaxLength(40)
  title!: string;

  @IsInt()
  @Min(0)
  seats = 4;

  @IsArray()
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => Party)
  parties!: Party[];

  @ValidateNested()
  @Type(() => Place)
  place!: Place;

  @IsOptional()
  @IsUUID('4', { each: true })
  contact_ids?: string[];

  @IsDefined()
  note!: unknown;
}

/** The string constraints the fast path answers with shortcuts of its own. */
class Stamped {
  @IsUUID()
  id!: string;

  @IsString()
  @MinLength(2)
  @NotContains('\u0000')
  key!: string;

  @IsISO8601({ strict: true })
  at!: string;

  @IsISO8601()
  loose_at!: string;
}

const stamped = (): Record<string, unknown> => ({ id: '4f0c6f6e-3c1a-4a4e-9a55-0d7b0f6a1c11', key: 'ab', at: '2026-01-15T10:20:30.000Z', loose_at: '2026-01-15T10:20:30Z' });

class Reshaped {
  @Transform(({ value }: { value: unknown }) => String(value))
  @IsString()
  name!: string;
}

class NestedWithoutType {
  @ValidateNested()
  place!: Place;
}

const valid = (): Record<string, unknown> => ({
  id: '4f0c6f6e-3c1a-4a4e-9a55-0d7b0f6a1c11',
  title: 'Quarterly review',
  parties: [{ role: 'from', email: 'a@b.example' }, { role: 'to', handle: 'U1' }],
  place: { kind: 'room' },
  contact_ids: ['2f9a3c59-9b1e-4f6b-8a34-1f0b2f4c5d6e'],
  note: 'n',
});

const ODD_VALUES: unknown[] = [
  undefined, null, '', 'x'.repeat(41), 0, -1, 1.5, 1e21, true, [], {}, [{}], [[{ role: 'from', email: 'a' }]], [null], ['a'], { kind: 'room' },
  Array.from({ length: 4 }, () => ({ role: 'to', handle: 'U1' })),
];

/** Every property of the valid payload (and of its nested objects) replaced by each odd value, plus unknown keys. */
function mutations(): Array<Record<string, unknown>> {
  const cases: Array<Record<string, unknown>> = [valid()];
  for (const key of [...Object.keys(valid()), 'seats']) {
    for (const value of ODD_VALUES) cases.push({ ...valid(), [key]: value });
  }
  for (const value of ODD_VALUES) {
    cases.push({ ...valid(), parties: [{ role: 'from', email: value }] });
    cases.push({ ...valid(), parties: [{ role: value, email: 'a@b' }] });
    cases.push({ ...valid(), parties: [{ role: 'to', handle: value }] });
    cases.push({ ...valid(), place: { kind: value } });
  }
  cases.push({ ...valid(), extra: 1 });
  cases.push({ ...valid(), parties: [{ role: 'from', email: 'a', extra: 1 }] });
  cases.push({ ...valid(), place: { kind: 'room', extra: 1 } });
  cases.push(JSON.parse('{"__proto__": {"polluted": 1}, "title": "t"}') as Record<string, unknown>);
  cases.push({ ...valid(), toString: 'x' });
  cases.push({ ...valid(), constructor: 'x' });
  return cases;
}

/** A fresh copy as the consumer sees it: parsed from JSON in this realm. */
function reparse(payload: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
}

function classValidatorVerdict(schema: new () => object, payload: Record<string, unknown>): { valid: boolean; instance: object } {
  const instance = plainToInstance(schema, payload);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  return { valid: errors.length === 0, instance };
}

describe('compileEventSchema', () => {
  const compiled = compileEventSchema(Meeting);

  it('compiles a schema of nested classes, conditions, defaults and per-element constraints', () => {
    expect(compiled).toBeDefined();
  });

  it('accepts a valid payload and builds what plainToInstance builds: instances all the way down, defaults kept', () => {
    const built = compiled?.(valid());
    expect(built).toBeInstanceOf(Meeting);
    expect((built as Meeting).parties[0]).toBeInstanceOf(Party);
    expect((built as Meeting).place).toBeInstanceOf(Place);
    expect((built as Meeting).seats).toBe(4);
    expect(built).toEqual(plainToInstance(Meeting, valid()));
  });

  it('never accepts what class-validator rejects, and accepts most of what it accepts, over a corpus of mutations', () => {
    let acceptedByBoth = 0;
    let validOnlyForClassValidator = 0;
    for (const payload of mutations()) {
      const reference = classValidatorVerdict(Meeting, reparse(payload));
      const built = compiled?.(reparse(payload));
      if (built) {
        expect({ payload, valid: reference.valid }).toEqual({ payload, valid: true });
        expect(built).toEqual(reference.instance);
        acceptedByBoth += 1;
      } else if (reference.valid) {
        validOnlyForClassValidator += 1;
      }
    }
    // Undecided payloads fall back to class-validator; the fast path must still carry ordinary ones.
    expect(acceptedByBoth).toBeGreaterThan(20);
    expect(validOnlyForClassValidator).toBeLessThan(acceptedByBoth);
  });

  it('judges @MaxLength as class-validator does, where a surrogate pair counts as one character', () => {
    const emoji = '\u{1F600}';
    for (const title of ['x'.repeat(40), 'x'.repeat(41), emoji.repeat(40), emoji.repeat(41), `${'x'.repeat(39)}\u2764\uFE0F`]) {
      const payload = { ...valid(), title };
      const reference = classValidatorVerdict(Meeting, reparse(payload));
      expect({ title, accepted: compiled?.(reparse(payload)) !== undefined }).toEqual({ title, accepted: reference.valid });
    }
    // 80 UTF-16 units, 40 characters: past the shortcut, the validator itself accepts it.
    expect(compiled?.({ ...valid(), title: emoji.repeat(40) })).toBeDefined();
  });

  it('judges @IsUUID, @MinLength, @NotContains and @IsISO8601 exactly as class-validator does, and carries ordinary values itself', () => {
    const stampedSchema = compileEventSchema(Stamped);
    const cases: Array<[keyof Stamped, unknown]> = [
      ...['4F0C6F6E-3C1A-4A4E-9A55-0D7B0F6A1C11', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
        '4f0c6f6e-3c1a-9a4e-9a55-0d7b0f6a1c11', '4f0c6f6e-3c1a-4a4e-7a55-0d7b0f6a1c11', '4f0c6f6e3c1a4a4e9a550d7b0f6a1c11', ` 4f0c6f6e-3c1a-4a4e-9a55-0d7b0f6a1c11`, 7]
        .map((id): [keyof Stamped, unknown] => ['id', id]),
      ...['a', 'ab', '\u{1F600}', '\u{1F600}\u{1F600}', 'a\uFE0F', 'ab\uFE0F', '\uFE0F\uFE0F', '\uD800', '\uD800\uD800', 'a\u0000b', '\u0000\u0000', 'abc\u0000']
        .map((key): [keyof Stamped, unknown] => ['key', key]),
      ...['2024-02-29T00:00:00Z', '2026-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2000-02-29T00:00:00.5Z', '2026-04-31T00:00:00Z', '2026-12-31T23:59:59.999999999Z',
        '0999-01-01T00:00:00Z', '0000-01-01T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T00:00:60Z', '2026-01-01T00:00:00+02:00',
        '2026-01-01 00:00:00Z', '2026-01-01T00:00:00z', '2026-001', '2026-01-01', '2026-01-01T00:00:00.Z', '+2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z\n']
        .flatMap((at): Array<[keyof Stamped, unknown]> => [['at', at], ['loose_at', at]]),
    ];
    for (const [property, value] of cases) {
      const payload = { ...stamped(), [property]: value };
      const reference = classValidatorVerdict(Stamped, reparse(payload));
      expect({ property, value, accepted: stampedSchema?.(reparse(payload)) !== undefined }).toEqual({ property, value, accepted: reference.valid });
    }
    expect(stampedSchema?.(stamped())).toBeInstanceOf(Stamped);
  });

  it('leaves to class-validator the quirks it does not reproduce (arrays nested in a class array)', () => {
    const nestedArrays = { ...valid(), parties: [[{ role: 'from', email: 'a@b' }]] };
    expect(classValidatorVerdict(Meeting, reparse(nestedArrays)).valid).toBe(true);
    expect(compiled?.(nestedArrays)).toBeUndefined();
  });

  it('does not compile schemas whose transformation it cannot reproduce', () => {
    expect(compileEventSchema(Reshaped)).toBeUndefined();
    expect(compileEventSchema(NestedWithoutType)).toBeUndefined();
    class Bare {
      name?: string;
    }
    expect(compileEventSchema(Bare)).toBeUndefined();
  });
});
