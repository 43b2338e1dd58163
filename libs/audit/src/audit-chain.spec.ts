import { canonicalContent, chainHash, GENESIS_HASH, type ChainedContent } from './audit-chain';

const row: ChainedContent = {
  seq: 7,
  event: 'integration.connected',
  actorUserId: 'u-1',
  impersonatorId: null,
  subjectType: 'integration',
  subjectId: 'i-1',
  properties: { provider: 'hubspot', counts: [1, 2], nested: { b: 1, a: 2 } },
  occurredAt: new Date('2026-11-22T21:00:00.123Z'),
};

describe('audit chain hashing', () => {
  it('does not depend on property key order (jsonb reorders keys)', () => {
    const reordered = { ...row, properties: { nested: { a: 2, b: 1 }, counts: [1, 2], provider: 'hubspot' } };
    expect(canonicalContent(reordered)).toBe(canonicalContent(row));
    expect(chainHash(reordered, GENESIS_HASH)).toBe(chainHash(row, GENESIS_HASH));
  });

  it('changes with any field, the position or the predecessor', () => {
    const base = chainHash(row, GENESIS_HASH);
    expect(chainHash({ ...row, seq: 8 }, GENESIS_HASH)).not.toBe(base);
    expect(chainHash({ ...row, impersonatorId: 'admin' }, GENESIS_HASH)).not.toBe(base);
    expect(chainHash({ ...row, properties: { ...row.properties, provider: 'salesforce' } }, GENESIS_HASH)).not.toBe(base);
    expect(chainHash({ ...row, occurredAt: new Date('2026-11-22T21:00:00.124Z') }, GENESIS_HASH)).not.toBe(base);
    expect(chainHash(row, 'f'.repeat(64))).not.toBe(base);
  });
});
