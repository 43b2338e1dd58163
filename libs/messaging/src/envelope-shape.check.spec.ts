import { envelopeViolations } from './envelope-shape.check';

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
