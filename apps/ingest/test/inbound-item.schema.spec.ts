import 'reflect-metadata';
import { compileEventSchema } from '@sentinel/messaging';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { InboundItem } from '../src/inbound/inbound-item.event';

const gmail = {
  source: 'gmail',
  integration_id: '4f0c6f6e-3c1a-4a4e-9a55-0d7b0f6a1c11',
  user_id: 'user-1',
  external_id: 'gm-1',
  participants: [
    { role: 'from', email: '"Ann" <Ann@Client.example>' },
    { role: 'to', email: 'me@ours.example' },
  ],
  conversation: { kind: 'email_thread', thread_id: 'th-1' },
  subject: 'Renewal',
  body_text: 'Hello',
  occurred_at: '2026-11-22T10:00:00.000Z',
  attachments: [{ filename: 'a.pdf', mime_type: 'application/pdf', size: 10, provider_id: 'att-1' }],
};

const slack = {
  source: 'slack',
  slack_team_id: 'T1',
  external_id: 'T1:C1:1700000000.000100',
  slack_event_id: 'Ev1',
  participants: [{ role: 'from', slack_user_id: 'UANN' }],
  conversation: { kind: 'channel', id: 'C1' },
  body_text: 'hi',
  occurred_at: '2026-11-22T10:00:00Z',
};

const ODD_VALUES: unknown[] = [null, '', 'x'.repeat(600), 7, true, [], {}, [{}], ['T1'], { kind: 'im' }, 'not-a-uuid', '2026-11-22', 'slack'];

function mutationsOf(base: Record<string, unknown>): Array<Record<string, unknown>> {
  const cases: Array<Record<string, unknown>> = [base, { ...base, unknown_key: 1 }];
  for (const key of [...Object.keys(base), 'integration_id', 'slack_team_id', 'direction']) {
    cases.push(Object.fromEntries(Object.entries(base).filter(([name]) => name !== key)));
    for (const value of ODD_VALUES) cases.push({ ...base, [key]: value });
  }
  for (const value of ODD_VALUES) {
    cases.push({ ...base, participants: [{ role: 'from', email: value }] });
    cases.push({ ...base, participants: [{ role: 'from', slack_user_id: value }] });
    cases.push({ ...base, conversation: { kind: value } });
    cases.push({ ...base, attachments: [{ filename: 'a', mime_type: 'b', size: value, provider_id: 'p' }] });
  }
  return cases;
}

const reparse = (payload: Record<string, unknown>) => JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;

/**
 * The gate's hot path validates inbound items with the compiled schema: it must be compiled at all
 * (or every delivery pays class-validator's full walk again), and it must never be laxer than
 * class-validator, whose verdict still decides every payload the compiled schema does not accept.
 */
describe('InboundItem compiled schema', () => {
  const compiled = compileEventSchema(InboundItem);

  it('compiles', () => {
    expect(compiled).toBeDefined();
  });

  it.each([
    ['Gmail', gmail],
    ['Slack', slack],
  ])('accepts only what class-validator accepts, building the same instances (%s item and its mutations)', (_source, base) => {
    let accepted = 0;
    for (const payload of mutationsOf(base)) {
      const reference = plainToInstance(InboundItem, reparse(payload));
      const errors = validateSync(reference, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
      const built = compiled?.(reparse(payload));
      if (!built) continue;
      accepted += 1;
      expect({ payload, errors: errors.map((error) => error.property) }).toEqual({ payload, errors: [] });
      expect(built).toEqual(reference);
    }
    expect(accepted).toBeGreaterThan(5);
  });

  it('refuses an item without its conversation, on both paths (a batch would otherwise retry around it)', () => {
    for (const base of [gmail, slack]) {
      const payload: Record<string, unknown> = reparse(base);
      delete payload.conversation;
      const errors = validateSync(plainToInstance(InboundItem, payload), { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
      expect(errors.map((error) => error.property)).toEqual(['conversation']);
      expect(compiled?.(reparse(payload))).toBeUndefined();
    }
  });
});
