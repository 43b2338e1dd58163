import { ISSUE_SCALE, scaleFromEnv } from './chaos-scale';
import { buildWorkload } from './chaos-workload';

const mailbox = { integrationId: '00000000-0000-4000-8000-000000000001', userId: 'user-1', selfEmail: 'me@ours.example.com' };

describe('chaos workload', () => {
  const workload = buildWorkload(ISSUE_SCALE, mailbox);

  it("has the issue's shape: 20,000 items, half admissible, 10% delivered twice under a new envelope id", () => {
    const items = new Set(workload.deliveries.map((delivery) => delivery.item.external_id));
    expect(items.size).toBe(20_000);
    expect(workload.deliveries).toHaveLength(22_000);
    expect(new Set(workload.deliveries.map((delivery) => delivery.eventId)).size).toBe(22_000);
    const duplicated = workload.deliveries.length - items.size;
    const admissibleDuplicates = workload.deliveries.filter((delivery) => delivery.drop === undefined).length - 10_000;
    expect(admissibleDuplicates).toBeGreaterThan(duplicated * 0.4);
    expect(admissibleDuplicates).toBeLessThan(duplicated * 0.6);
    expect(workload.contactEmails).toHaveLength(10_000);
  });

  it('expects one pass per admissible item, a duplicate for its second delivery, and the drop of every inadmissible delivery', () => {
    const admissible = workload.deliveries.filter((delivery) => delivery.drop === undefined);
    const selfOnly = workload.deliveries.filter((delivery) => delivery.drop === 'dropped_self_user');
    expect(workload.expected).toEqual({
      passed: 10_000,
      duplicate_event: admissible.length - 10_000,
      dropped_no_crm_match: 22_000 - admissible.length - selfOnly.length,
      dropped_self_user: selfOnly.length,
      fail_closed: 0,
    });
    expect(new Set(selfOnly.map((delivery) => delivery.item.external_id)).size).toBe(1_000);
    const total = Object.values(workload.expected).reduce((sum, count) => sum + count, 0);
    expect(total).toBe(workload.deliveries.length);
  });

  it('names a contact only in admissible items, in a form the gate must normalize', () => {
    const contacts = new Set(workload.contactEmails);
    const admissible = new Set(workload.deliveries.filter((delivery) => delivery.drop === undefined).map((delivery) => delivery.item.external_id));
    for (const { externalId, email } of workload.participants) {
      if (contacts.has(email)) expect(admissible.has(externalId)).toBe(true);
    }
    const first = workload.deliveries.find((delivery) => delivery.drop === undefined);
    expect(first?.item.participants[0]?.email).toMatch(/^"Contact \d+" <Contact\d+@Client\.Example\.com>$/);
  });

  it('interleaves duplicates with the rest of the stream in the same order on every build', () => {
    const again = buildWorkload(ISSUE_SCALE, mailbox);
    expect(again.deliveries.map((delivery) => delivery.item.external_id)).toEqual(workload.deliveries.map((delivery) => delivery.item.external_id));
    const positions = new Map<string, number[]>();
    workload.deliveries.forEach((delivery, index) => positions.set(delivery.item.external_id, [...(positions.get(delivery.item.external_id) ?? []), index]));
    const gaps = [...positions.values()].filter((found) => found.length === 2).map(([a = 0, b = 0]) => b - a);
    expect(Math.min(...gaps)).toBeLessThan(500);
    expect(Math.max(...gaps)).toBeGreaterThan(5_000);
  });
});

describe('chaos scale from the environment', () => {
  it("defaults to the issue's figures and takes CHAOS_ITEMS and CHAOS_CONTACTS", () => {
    expect(scaleFromEnv({})).toEqual(ISSUE_SCALE);
    expect(scaleFromEnv({ CHAOS_ITEMS: '2000', CHAOS_CONTACTS: '500' })).toMatchObject({ items: 2_000, contacts: 500 });
  });

  it('refuses a count that is not a positive integer', () => {
    expect(() => scaleFromEnv({ CHAOS_ITEMS: '0' })).toThrow("CHAOS_ITEMS must be a positive integer, got '0'");
    expect(() => scaleFromEnv({ CHAOS_CONTACTS: '1e3x' })).toThrow('CHAOS_CONTACTS must be a positive integer');
  });
});
