import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { compileEventSchema, type CompiledEventSchema } from './compiled-event-schema';
import { bundleViolations, envelopeViolations } from './envelope-shape.check';
import { bundledEnvelope, type EventBundle, type EventEnvelope } from './event-envelope';

export type DecodeResult<T extends object> =
  | { ok: true; envelope: EventEnvelope<T> }
  | { ok: false; reason: string };

/** A consumed message's events: the one event of an envelope, or every event of a bundle. */
export type DecodedMessage =
  | { ok: true; type: string; envelopes: EventEnvelope[]; bundled: boolean }
  | { ok: false; reason: string };

/**
 * Parses one message body and validates its envelope (or its bundle's header and events). Reasons
 * name properties and constraints only, never values, so a dead-letter reason cannot carry an
 * address or a body.
 */
export function decodeMessage(body: Buffer, expectedTenantId: string): DecodedMessage {
  let raw: unknown;
  try {
    raw = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed_json' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'not_an_object' };

  const fields = raw as Record<string, unknown>;
  const bundled = fields.events !== undefined && fields.data === undefined;
  const violations = bundled ? bundleViolations(fields) : envelopeViolations(fields);
  if (violations.length > 0) return { ok: false, reason: `${bundled ? 'invalid_bundle' : 'invalid_envelope'}: ${violations.join('; ')}` };
  if (fields.tenant_id !== expectedTenantId) return { ok: false, reason: 'tenant_mismatch' };
  if (!bundled) {
    const envelope = raw as EventEnvelope;
    return { ok: true, type: envelope.type, envelopes: [envelope], bundled: false };
  }
  const bundle = raw as EventBundle;
  return { ok: true, type: bundle.type, envelopes: bundle.events.map((event) => bundledEnvelope(bundle, event)), bundled: true };
}

/** Compiled schemas, `null` for one the fast path cannot reproduce. */
const compiledSchemas = new WeakMap<ClassConstructor<object>, CompiledEventSchema<object> | null>();

/**
 * Validates (and types) an envelope's `data` against the handler's schema. A payload the compiled
 * schema accepts is valid without the class-transformer and class-validator walk (the hot path of
 * every consumer); any other payload gets the full walk, which decides and names the violations.
 */
export function validateEventData<T extends object>(
  envelope: EventEnvelope,
  dataSchema: ClassConstructor<T>,
): DecodeResult<T> {
  const accepted = compiledSchemaOf(dataSchema)?.(envelope.data);
  if (accepted) return { ok: true, envelope: { ...envelope, data: accepted } };
  const data = plainToInstance(dataSchema, envelope.data);
  const errors = validateSync(data, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) return { ok: false, reason: `invalid_data: ${describe(errors)}` };
  return { ok: true, envelope: { ...envelope, data } };
}

function compiledSchemaOf<T extends object>(schema: ClassConstructor<T>): CompiledEventSchema<T> | undefined {
  if (!compiledSchemas.has(schema)) compiledSchemas.set(schema, compileEventSchema(schema) ?? null);
  return (compiledSchemas.get(schema) ?? undefined) as CompiledEventSchema<T> | undefined;
}

function describe(errors: ValidationError[], parent = ''): string {
  const parts: string[] = [];
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) parts.push(`${path} (${Object.keys(error.constraints).join(', ')})`);
    if (error.children?.length) parts.push(describe(error.children, path));
  }
  return parts.join('; ').slice(0, 500);
}
