import { normalizeEmail } from '@sentinel/providers';
import { memoizedNormalizer, resolveParticipants, type SelfIdentity } from '../src/gate/participant-set';
import type { InboundParticipant } from '../src/inbound/inbound-item.event';

const self: SelfIdentity = { emails: new Set(['me@ours.com']), slackUserIds: new Set(['UME']) };
const none = new Map<string, string | null>();

describe('resolveParticipants (normalization and self-exclusion)', () => {
  it.each([
    ['mixed case and spaces', '  Ann.Lee@Client.COM ', 'ann.lee@client.com'],
    ['display-name form', '"Lee, Ann" <ann.lee@client.com>', 'ann.lee@client.com'],
    ['mailto: prefix', 'mailto:ann.lee@client.com', 'ann.lee@client.com'],
    ['IDN domain to punycode', 'ann@bücher.example', 'ann@xn--bcher-kva.example'],
    ['+tags kept (never folded)', 'ann+deals@client.com', 'ann+deals@client.com'],
    ['Gmail dots kept', 'a.n.n@gmail.com', 'a.n.n@gmail.com'],
  ])('%s', (_label, raw, expected) => {
    const resolved = resolveParticipants([{ role: 'from', email: raw }], none, self);
    expect(resolved.otherEmails).toEqual([expected]);
  });

  it('keeps an invalid address as someone else who can never match', () => {
    const resolved = resolveParticipants([{ role: 'from', email: 'not an address' }, { role: 'to', email: 'a@@b.com' }], none, self);
    expect(resolved).toEqual({ count: 2, otherCount: 2, otherEmails: [], fromSelf: false });
  });

  it('removes the user by address in any spelling, and by Slack id', () => {
    const participants: InboundParticipant[] = [
      { role: 'from', email: 'ME@Ours.com' },
      { role: 'to', slack_user_id: 'UME' },
      { role: 'cc', email: '<me@ours.com>' },
    ];
    expect(resolveParticipants(participants, none, self)).toEqual({ count: 2, otherCount: 0, otherEmails: [], fromSelf: true });
  });

  it('resolves Slack ids through the looked-up emails and counts each person once', () => {
    const emails = new Map<string, string | null>([
      ['UANN', 'Ann@Client.com'],
      ['UBOT', null],
    ]);
    const participants: InboundParticipant[] = [
      { role: 'from', slack_user_id: 'UANN' },
      { role: 'member', slack_user_id: 'UANN' },
      { role: 'member', email: 'ann@client.com' },
      { role: 'member', slack_user_id: 'UBOT' },
      { role: 'member', slack_user_id: 'UME' },
    ];
    expect(resolveParticipants(participants, emails, self)).toEqual({ count: 3, otherCount: 2, otherEmails: ['ann@client.com'], fromSelf: false });
  });

  it('tells apart a Slack id, an unusable raw value spelled like one, and an address', () => {
    const participants: InboundParticipant[] = [
      { role: 'from', slack_user_id: 'UANN' },
      { role: 'to', email: 's:UANN' },
      { role: 'cc', email: 'r:s:UANN' },
    ];
    expect(resolveParticipants(participants, none, self)).toEqual({ count: 3, otherCount: 3, otherEmails: [], fromSelf: false });
  });
});

describe('memoizedNormalizer', () => {
  const raws = ['  Ann.Lee@Client.COM ', '"Lee, Ann" <ann.lee@client.com>', 'mailto:ann.lee@client.com', 'ann@bücher.example', 'not an address', 'a@@b.com', '', 'ME@Ours.com'];

  it('answers exactly as normalizeEmail, on first sight and from its memo (invalid addresses included)', () => {
    const normalize = memoizedNormalizer();
    for (const pass of [1, 2]) {
      for (const raw of raws) expect({ pass, raw, normalized: normalize(raw) }).toEqual({ pass, raw, normalized: normalizeEmail(raw) });
    }
    expect(normalize(null)).toBeNull();
    expect(normalize(undefined)).toBeNull();
  });

  it('gives resolveParticipants the same result as the plain function, item after item', () => {
    const normalize = memoizedNormalizer();
    const items: InboundParticipant[][] = raws.map((raw) => [{ role: 'from', email: raw }, { role: 'to', email: 'me@ours.com' }, { role: 'cc', email: raws[0] }]);
    for (const participants of [...items, ...items]) {
      expect(resolveParticipants(participants, none, self, normalize)).toEqual(resolveParticipants(participants, none, self));
    }
  });
});
