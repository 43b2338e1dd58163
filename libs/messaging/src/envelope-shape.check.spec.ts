import { bundleViolations, envelopeViolations } from './envelope-shape.check';
import { decodeMessage } from './event-validation';

const valid = { id: 'e1', type: 'thing.happened', tenant_id: 'acme', occurred_at: '2026-11-22T10:00:00.000Z', data: {} };

describe('envelopeViolations', () => {
  it('accepts a well-formed envelope, with or without fractional seconds and offsets', () => {
    expect(envelopeViolations(valid)).toEqual([]);
    expect(envelopeViolations({ ...valid, occurred_at: '2026-11-22T10:00:00+02:00' })).toEqual([]);
  });

  it.each([
    ['id', undefined, 'id (isString)'],
    ['id', '', 'id (isNotEmpty)'],
    ['id', 'x'.repeat(129), 'id (maxLength)'],
    ['type', 7, 'type (isString)'],
    ['tenant_id', 'x'.repeat(64), 'tenant_id (maxLength)'],
    ['occurred_at', 'yesterday', 'occurred_at (isIso8601)'],
    ['occurred_at', '2026-13-45T99:00:00Z', 'occurred_at (isIso8601)'],
    ['data', [], 'data (isObject)'],
    ['data', null, 'data (isObject)'],
  ])('reports %s = %p as %s, without its value', (property, value, expected) => {
    const violations = envelopeViolations({ ...valid, [property]: value });
    expect(violations).toEqual([expected]);
  });

  it('reports every violation of a thoroughly broken envelope', () => {
    expect(envelopeViolations({})).toHaveLength(5);
  });
});

describe('bundleViolations', () => {
  const event = { id: 'e1', occurred_at: '2026-11-22T10:00:00.000Z', data: {} };
  const bundle = { id: 'b1', type: 'thing.happened', tenant_id: 'acme', occurred_at: '2026-11-22T10:00:00.000Z', events: [event] };

  it('accepts a well-formed bundle of up to 100 events', () => {
    expect(bundleViolations(bundle)).toEqual([]);
    expect(bundleViolations({ ...bundle, events: Array.from({ length: 100 }, (_, index) => ({ ...event, id: `e${index}` })) })).toEqual([]);
  });

  it.each([
    ['events', undefined, ['events (isArray)']],
    ['events', [], ['events (arrayNotEmpty)']],
    ['events', Array.from({ length: 101 }, () => event), ['events (arrayMaxSize)']],
    ['events', [event, 'not an object'], ['events[1] (isObject)']],
    ['events', [event, { ...event, id: '' }], ['events[1].id (isNotEmpty)']],
    ['events', [{ ...event, occurred_at: 'soon', data: [] }], ['events[0].occurred_at (isIso8601)', 'events[0].data (isObject)']],
    ['tenant_id', 7, ['tenant_id (isString)']],
  ])('reports %s = %p as %p, without values', (property, value, expected) => {
    expect(bundleViolations({ ...bundle, [property]: value })).toEqual(expected);
  });

  it('names the first five broken events and counts the others', () => {
    const broken = Array.from({ length: 8 }, () => ({ ...event, id: 9 }));
    expect(bundleViolations({ ...bundle, events: broken })).toEqual([
      ...[0, 1, 2, 3, 4].map((index) => `events[${index}].id (isString)`),
      '3 more events (invalid)',
    ]);
  });
});

describe('decodeMessage', () => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value));
  const header = { id: 'b1', type: 'thing.happened', tenant_id: 'acme', occurred_at: '2026-11-22T10:00:00.000Z' };

  it('reads a single envelope as one event', () => {
    const decoded = decodeMessage(encode({ ...header, data: { n: 1 } }), 'acme');
    expect(decoded).toEqual({ ok: true, type: 'thing.happened', envelopes: [{ ...header, data: { n: 1 } }], bundled: false });
  });

  it("reads a bundle as its events' envelopes, each with its own id and time", () => {
    const events = [
      { id: 'e1', occurred_at: '2026-11-21T09:00:00.000Z', data: { n: 1 } },
      { id: 'e2', occurred_at: '2026-11-21T09:30:00.000Z', data: { n: 2 } },
    ];
    const decoded = decodeMessage(encode({ ...header, events }), 'acme');
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.envelopes).toEqual(events.map((event) => ({ ...event, type: 'thing.happened', tenant_id: 'acme' })));
    expect(decoded.bundled).toBe(true);
  });

  it.each([
    ['{not json', 'malformed_json'],
    ['[1,2]', 'not_an_object'],
    [JSON.stringify({ ...header, events: [] }), 'invalid_bundle: events (arrayNotEmpty)'],
    [JSON.stringify({ ...header }), 'invalid_envelope: data (isObject)'],
    [JSON.stringify({ ...header, tenant_id: 'other', events: [{ id: 'e1', occurred_at: header.occurred_at, data: {} }] }), 'tenant_mismatch'],
  ])('refuses %s as %s', (body, reason) => {
    expect(decodeMessage(Buffer.from(body), 'acme')).toEqual({ ok: false, reason });
  });
});
