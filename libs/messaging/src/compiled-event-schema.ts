// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient module declaration cannot be imported; the reference brings it into every program compiling this file
/// <reference path="./class-transformer-storage.d.ts" />
import { TransformationType, type ClassConstructor } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import {
  ARRAY_MAX_SIZE,
  getMetadataStorage,
  IS_ARRAY,
  IS_DEFINED,
  IS_IN,
  IS_INT,
  IS_ISO8601,
  IS_STRING,
  IS_UUID,
  MAX,
  MAX_LENGTH,
  MIN,
  MIN_LENGTH,
  NOT_CONTAINS,
  ValidationTypes,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * A fast acceptance test for an event schema: the instance that `plainToInstance` would build when
 * the payload passes `validateSync(..., { whitelist, forbidNonWhitelisted, forbidUnknownValues })`,
 * or `undefined` when it is not sure. It never says more than class-validator would: it runs the
 * very constraint functions the decorators registered, with the same arguments, on the same
 * instance; only the walk over the metadata (looked up once, not per call) and the error objects
 * are gone. Anything unusual (a wrong shape for a nested property, an unknown key, a failing or
 * asynchronous constraint) answers `undefined`, and the caller asks class-validator, which decides
 * and names the violations.
 */
export type CompiledEventSchema<T extends object> = (data: Record<string, unknown>) => T | undefined;

type Instance = Record<string, unknown>;

interface ConstraintCheck {
  metadata: ValidationMetadata;
  validator: ValidatorConstraintInterface;
  /** A cheap test whose `true` the validator would confirm; on `false` the validator decides. */
  surelyValid?: Shortcut;
}

type Shortcut = (value: unknown) => boolean;

/**
 * Cheap tests for class-validator's built-in constraints, each true only where the constraint itself
 * is (on false the constraint decides): they skip the decorator wrapper, the arguments object and
 * the validator.js call on the common path. Keyed by the constraint names class-validator registers,
 * which a schema's own decorators must not reuse.
 */
const SHORTCUTS: Record<string, (constraint: unknown) => Shortcut | undefined> = {
  [IS_DEFINED]: () => (value) => value !== undefined && value !== null,
  [IS_STRING]: () => (value) => typeof value === 'string',
  [IS_INT]: () => (value) => Number.isInteger(value),
  [IS_ARRAY]: () => (value) => Array.isArray(value),
  [IS_IN]: (allowed) => (Array.isArray(allowed) ? (value) => allowed.indexOf(value) !== -1 : undefined),
  [MIN]: (min) => (typeof min === 'number' ? (value) => typeof value === 'number' && value >= min : undefined),
  [MAX]: (max) => (typeof max === 'number' ? (value) => typeof value === 'number' && value <= max : undefined),
  [ARRAY_MAX_SIZE]: (max) => (typeof max === 'number' ? (value) => Array.isArray(value) && value.length <= max : undefined),
  // A surrogate pair or a variation sequence counts as one character, so the constraint's length is
  // never more than the string's: no need for its two scans over the whole text (body_text).
  [MAX_LENGTH]: (max) => (typeof max === 'number' ? (value) => typeof value === 'string' && value.length <= max : undefined),
  // Without surrogates or variation selectors the constraint counts every code unit, so the plain
  // length decides: no need for its two global matches (each builds an array).
  [MIN_LENGTH]: (min) => (typeof min === 'number' ? (value) => typeof value === 'string' && value.length >= min && !LENGTH_ADJUSTING.test(value) : undefined),
  // validator.js splits the whole string on the seed and counts the parts.
  [NOT_CONTAINS]: (seed) => (typeof seed === 'string' && seed.length > 0 ? (value) => typeof value === 'string' && !value.includes(seed) : undefined),
  // Lowercase RFC 9562 versions 1-8: a subset of validator.js's default ('all') pattern.
  [IS_UUID]: (version) => (version === undefined ? (value) => typeof value === 'string' && CANONICAL_UUID.test(value) : undefined),
  [IS_ISO8601]: (options) => (options === undefined || isPlainObject(options) ? isCanonicalInstant : undefined),
};

const LENGTH_ADJUSTING = /[\uD800-\uDFFF]|\uFE0E|\uFE0F/;
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** `Date.prototype.toISOString`'s form (fraction optional) for years 1000-9999, which validator.js's date check reads exactly. */
const CANONICAL_INSTANT = /^[1-9]\d{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?Z$/;

/** A canonical UTC instant on a day that exists: what `@IsISO8601()` accepts, with or without `strict`. */
/** The number written by `length` ASCII digits at `start` (no substring to parse). */
function digitsAt(text: string, start: number, length: number): number {
  let number = 0;
  for (let i = start; i < start + length; i += 1) number = number * 10 + text.charCodeAt(i) - 48;
  return number;
}

function isCanonicalInstant(value: unknown): boolean {
  if (typeof value !== 'string' || !CANONICAL_INSTANT.test(value)) return false;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
}

function shortcutFor(metadata: ValidationMetadata): Shortcut | undefined {
  const build = metadata.name !== undefined && !metadata.each ? SHORTCUTS[metadata.name] : undefined;
  return build?.(metadata.constraints?.[0]);
}

interface PropertyRule {
  property: string;
  /** `@ValidateIf` and `@IsOptional`: the property is validated only when all hold. */
  conditions: Array<(object: Instance, value: unknown) => boolean>;
  /** `@IsDefined` and every custom or built-in constraint, in class-validator's order. */
  checks: ConstraintCheck[];
  /** Set for `@ValidateNested` properties. */
  nested?: CompiledClass;
}

interface CompiledClass {
  schema: ClassConstructor<object>;
  /** Properties with any validation metadata: the whitelist. */
  allowed: Set<string>;
  /** `@Type` targets by property: built as instances of that class, as class-transformer does. */
  typed: Map<string, CompiledClass>;
  /** `@Type` properties declared as arrays (class-transformer builds an array only for those). */
  typedArrays: Set<string>;
  rules: PropertyRule[];
}

const SUPPORTED_TYPES = new Set<string>([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.WHITELIST,
]);

class NotCompilable extends Error {}

/** Compiles `schema`, or returns `undefined` when it uses a feature the fast path does not reproduce. */
export function compileEventSchema<T extends object>(schema: ClassConstructor<T>): CompiledEventSchema<T> | undefined {
  let compiled: CompiledClass;
  try {
    compiled = compileClass(schema, undefined, new Map());
  } catch (error) {
    if (error instanceof NotCompilable) return undefined;
    throw error;
  }
  return (data) => {
    try {
      const instance = materialize(data, compiled);
      return instance && accepts(instance, compiled) ? (instance as T) : undefined;
    } catch {
      // A condition or constraint that throws on this payload: let class-validator decide.
      return undefined;
    }
  };
}

function compileClass(schema: ClassConstructor<object>, targetSchema: string | undefined, seen: Map<ClassConstructor<object>, CompiledClass>): CompiledClass {
  const known = seen.get(schema);
  if (known) return known;
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(schema, targetSchema ?? '', false, false, undefined);
  if (metadatas.length === 0) throw new NotCompilable('no metadata: forbidUnknownValues rejects it');
  if (defaultMetadataStorage.getStrategy(schema) !== 'none') throw new NotCompilable('class-level @Expose/@Exclude');
  if (defaultMetadataStorage.getExposedMetadatas(schema).length > 0 || defaultMetadataStorage.getExcludedMetadatas(schema).length > 0) {
    throw new NotCompilable('@Expose/@Exclude');
  }
  const compiled: CompiledClass = { schema, allowed: new Set(), typed: new Map(), typedArrays: new Set(), rules: [] };
  seen.set(schema, compiled);

  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const metadata of metadatas) {
    if (!SUPPORTED_TYPES.has(metadata.type)) throw new NotCompilable(metadata.type);
    byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
  }
  for (const [property, group] of byProperty) {
    // class-transformer skips keys that name a method or accessor of the prototype.
    if (property in schema.prototype || property === '__proto__' || property === 'constructor') throw new NotCompilable(property);
    if (defaultMetadataStorage.findTransformMetadatas(schema, property, TransformationType.PLAIN_TO_CLASS).length > 0) throw new NotCompilable('@Transform');
    compiled.allowed.add(property);
    const typeMetadata = defaultMetadataStorage.findTypeMetadata(schema, property);
    if (typeMetadata) {
      if (typeMetadata.options?.discriminator) throw new NotCompilable('@Type discriminator');
      // A Set or Map property would be built as one; only arrays and single objects are reproduced.
      if (typeMetadata.reflectedType === Array) compiled.typedArrays.add(property);
      else if (typeMetadata.reflectedType === Set || typeMetadata.reflectedType === Map) throw new NotCompilable('@Type on a Set or Map');
      const target = typeMetadata.typeFunction({ newObject: {}, object: {}, property }) as ClassConstructor<object> | undefined;
      if (typeof target !== 'function' || [String, Number, Boolean, Date, Buffer, Object, Array].includes(target as never)) {
        throw new NotCompilable('@Type of a non-schema class');
      }
      compiled.typed.set(property, compileClass(target, schema.name, seen));
    }
    compiled.rules.push(compileRule(schema, property, group, compiled.typed.get(property)));
  }
  return compiled;
}

function compileRule(schema: ClassConstructor<object>, property: string, group: ValidationMetadata[], typed: CompiledClass | undefined): PropertyRule {
  const storage = getMetadataStorage();
  const rule: PropertyRule = { property, conditions: [], checks: [] };
  const defined = group.filter((metadata) => metadata.type === ValidationTypes.IS_DEFINED);
  const custom = group.filter((metadata) => metadata.type === ValidationTypes.CUSTOM_VALIDATION);
  for (const metadata of [...defined, ...custom]) {
    for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
      if (constraint.async) throw new NotCompilable('asynchronous constraint');
      rule.checks.push({ metadata, validator: constraint.instance, surelyValid: shortcutFor(metadata) });
    }
  }
  for (const metadata of group) {
    if (metadata.type === ValidationTypes.CONDITIONAL_VALIDATION) rule.conditions.push(metadata.constraints[0] as PropertyRule['conditions'][number]);
  }
  if (group.some((metadata) => metadata.type === ValidationTypes.NESTED_VALIDATION)) {
    // Without @Type the value stays a plain Object, which forbidUnknownValues always rejects.
    if (!typed) throw new NotCompilable(`@ValidateNested without @Type on ${schema.name}.${property}`);
    rule.nested = typed;
  }
  return rule;
}

/**
 * What `plainToInstance` builds for a payload of the expected shape: an instance of the class with
 * the payload's own keys, `@Type` properties as instances (or arrays of them). `undefined` for
 * anything else (an unknown key, a primitive or nested array where a class is expected, an object
 * where no class is declared), which class-validator then judges.
 */
function materialize(raw: unknown, compiled: CompiledClass): Instance | undefined {
  if (!isPlainObject(raw)) return undefined;
  const instance = new compiled.schema() as Instance;
  // for-in rather than Object.keys: no array per object. It also walks enumerable keys inherited
  // from a polluted Object.prototype, which are not allowed and so send the payload to the full walk.
  for (const key in raw) {
    if (!compiled.allowed.has(key)) return undefined;
    const value = raw[key];
    const typed = compiled.typed.get(key);
    let built: unknown = value;
    if (typed) {
      built = !Array.isArray(value) ? materialize(value, typed) : compiled.typedArrays.has(key) ? materializeAll(value, typed) : undefined;
      if (built === undefined) return undefined;
    } else if (typeof value === 'object' && value !== null && !(Array.isArray(value) && value.every(isPrimitive))) {
      return undefined;
    }
    instance[key] = built;
  }
  return instance;
}

function materializeAll(values: unknown[], compiled: CompiledClass): Instance[] | undefined {
  const built: Instance[] = [];
  for (const value of values) {
    const instance = materialize(value, compiled);
    if (!instance) return undefined;
    built.push(instance);
  }
  return built;
}

/**
 * class-validator's verdict on an instance built by `materialize`, when it is "valid". Indexed loops
 * and no closures: this runs for every object of every event, and each closure or iterator here
 * was garbage per property.
 */
function accepts(instance: Instance, compiled: CompiledClass): boolean {
  for (const key in instance) if (!compiled.allowed.has(key)) return false;
  const rules = compiled.rules;
  for (let r = 0; r < rules.length; r += 1) {
    const rule = rules[r] as PropertyRule;
    const value = instance[rule.property];
    if (!conditionsHold(rule, instance, value)) continue;
    const checks = rule.checks;
    for (let c = 0; c < checks.length; c += 1) {
      const { metadata, validator, surelyValid } = checks[c] as ConstraintCheck;
      if (metadata.validateIf && !metadata.validateIf(instance, value)) continue;
      if (surelyValid?.(value)) continue;
      if (!validatorAccepts(validator, metadata, compiled, instance, value)) return false;
    }
    if (rule.nested && value !== undefined && !nestedAccepted(rule.nested, value)) return false;
  }
  return true;
}

function conditionsHold(rule: PropertyRule, instance: Instance, value: unknown): boolean {
  const conditions = rule.conditions;
  for (let i = 0; i < conditions.length; i += 1) if (!(conditions[i] as PropertyRule['conditions'][number])(instance, value)) return false;
  return true;
}

/** The constraint itself, with the arguments class-validator would give it (per element under `each`). */
function validatorAccepts(validator: ValidatorConstraintInterface, metadata: ValidationMetadata, compiled: CompiledClass, instance: Instance, value: unknown): boolean {
  const args: ValidationArguments = {
    targetName: compiled.schema.name,
    property: metadata.propertyName,
    object: instance,
    value,
    constraints: metadata.constraints,
  };
  if (!(metadata.each && Array.isArray(value))) return validator.validate(value, args) === true;
  for (let i = 0; i < value.length; i += 1) if (validator.validate(value[i], args) !== true) return false;
  return true;
}

/** A `@ValidateNested` value: an instance of the nested class (or an array of them), each accepted. */
function nestedAccepted(nested: CompiledClass, value: unknown): boolean {
  if (!Array.isArray(value)) return value instanceof nested.schema && accepts(value as Instance, nested);
  for (let i = 0; i < value.length; i += 1) {
    const element: unknown = value[i];
    if (!(element instanceof nested.schema) || !accepts(element as Instance, nested)) return false;
  }
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}
