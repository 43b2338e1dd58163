import { isEmail } from 'class-validator';
import { randomBytes } from 'node:crypto';
import type { CorpusContext } from '../corpus-context';
import type { HostileCase } from '../hostile-case';
import { blnsSample } from './blns';

const BOTS_PATH = '/bot/items';
/** What the DTO accepts as a meeting id; blns strings that fit it would make a valid body. */
const MEETING_ID = /^[\x21-\x7e]{1,256}$/;

/** A header value carrying UTF-8 bytes (node refuses characters above U+00FF in headers). */
const utf8Header = (value: string): string => Buffer.from(value, 'utf8').toString('latin1');

const forgedSecret = (): string => randomBytes(32).toString('base64url');

/** A transcript the gate would accept from a live bot: forged credentials must not get it queued. */
export function validTranscript(): Record<string, unknown> {
  return {
    meeting_id: 'hostile-meeting-1',
    title: 'Quarterly review',
    started_at: '2026-11-20T15:00:00Z',
    attendee_emails: ['c@client.test'],
    text: 'transcript',
    owner_user_id: 'hostile-owner',
  };
}

/**
 * POST /bot/items. Forged, malformed, misplaced and revoked bot tokens with a body the gate would
 * take: 401 (or 431 past the header limit). Hostile bodies from a live bot: 400 for a shape the DTO
 * refuses, 413 past the body limit, 422 for an owner without a connected integration. Failures stay
 * under the FailedAttemptLimiter's 30 per IP and token prefix, so each answer is the token's own.
 */
export function botItemCases(ctx: CorpusContext): HostileCase[] {
  const { bot, revokedBot, user, system } = ctx.tokens;
  const flipped = `${bot.slice(0, -1)}${bot.endsWith('A') ? 'B' : 'A'}`;
  const tokenVariants: Record<string, Record<string, string>> = {
    'no Authorization header': {},
    'Bot scheme without a token': { authorization: 'Bot' },
    'Bot scheme with a trailing space only': { authorization: 'Bot ' },
    'live token under the Bearer scheme': { authorization: `Bearer ${bot}` },
    'live token without a scheme': { authorization: bot },
    'live token after "Bot:"': { authorization: `Bot:${bot}` },
    'live token after "BotBot "': { authorization: `BotBot ${bot}` },
    'live token after a tab': { authorization: `Bot\t${bot}` },
    'live token twice': { authorization: `Bot ${bot} ${bot}` },
    'live token under Basic': { authorization: `Basic ${Buffer.from(`bot:${bot}`).toString('base64')}` },
    'lowercase scheme, forged secret': { authorization: `bot sbt_${forgedSecret()}` },
    'live prefix, forged secret': { authorization: `Bot ${bot.slice(0, 12)}${forgedSecret().slice(0, bot.length - 12)}` },
    'live token, last character changed': { authorization: `Bot ${flipped}` },
    'live token truncated by one': { authorization: `Bot ${bot.slice(0, -1)}` },
    'live token plus one character': { authorization: `Bot ${bot}A` },
    'live token uppercased': { authorization: `Bot ${bot.toUpperCase()}` },
    'revoked token': { authorization: `Bot ${revokedBot}` },
    'identity user JWT as a bot token': { authorization: `Bot ${user}` },
    'system token as a bot token': { authorization: `Bot ${system}` },
    'very long token (8 KB)': { authorization: `Bot sbt_${'A'.repeat(8_000)}` },
    'unicode token (UTF-8 bytes)': { authorization: utf8Header(`Bot sbt_${'é'.repeat(43)}`) },
    'unicode look-alike scheme (Cyrillic o)': { authorization: utf8Header(`Bоt ${bot}`) },
    'live token in X-Bot-Token': { 'x-bot-token': bot },
    'live token in a cookie': { cookie: `bot_token=${bot}` },
  };
  const cases: HostileCase[] = Object.entries(tokenVariants).map(([name, headers]) => ({
    category: 'bot-token',
    name,
    service: 'ingest',
    method: 'POST',
    path: BOTS_PATH,
    headers,
    body: validTranscript(),
    expected: [401],
  }));
  cases.push(
    { category: 'bot-token', name: 'live token in the query only', service: 'ingest', method: 'POST', path: `${BOTS_PATH}?token=${bot}`, body: validTranscript(), expected: [401] },
    { category: 'bot-token', name: 'token past the header limit (20 KB)', service: 'ingest', method: 'POST', path: BOTS_PATH, headers: { authorization: `Bot sbt_${'A'.repeat(20_000)}` }, body: validTranscript(), expected: [431] },
  );
  return [...cases, ...botBodyCases(ctx)];
}

const BAD_EMAILS = [
  'plainaddress',
  '@client.test',
  'c@',
  'c@@client.test',
  'c@client..test',
  'c @client.test',
  'c@client.test\r\nBcc: victim@other.test',
  '<script>alert(1)</script>@client.test',
  'c@-client-.test',
  `${'a'.repeat(600)}@client.test`,
  'c@client.test,d@client.test',
  '',
];

function botBodyCases(ctx: CorpusContext): HostileCase[] {
  const live = { authorization: `Bot ${ctx.tokens.bot}` };
  const post = (name: string, body: string | object, expected: number[]): HostileCase => ({ category: 'bot-body', name, service: 'ingest', method: 'POST', path: BOTS_PATH, headers: live, body, expected });
  const cases: HostileCase[] = [];
  for (const email of BAD_EMAILS) cases.push(post(`bad attendee email ${JSON.stringify(email).slice(0, 40)}`, { ...validTranscript(), attendee_emails: [email] }, [400]));
  const sample = blnsSample(ctx.blns, 60);
  sample
    .filter((value) => !isEmail(value))
    .slice(0, 20)
    .forEach((value, index) => cases.push(post(`blns attendee email #${index}`, { ...validTranscript(), attendee_emails: ['c@client.test', value] }, [400])));
  sample
    .filter((value) => !MEETING_ID.test(value))
    .slice(0, 15)
    .forEach((value, index) => cases.push(post(`blns meeting_id #${index}`, { ...validTranscript(), meeting_id: value }, [400])));
  // Well-formed owners that are not a connected user: refused before anything is queued.
  sample
    .filter((value) => value.length <= 256)
    .slice(0, 15)
    .forEach((value, index) => cases.push(post(`blns owner_user_id #${index} (not connected)`, { ...validTranscript(), owner_user_id: value }, [422])));
  cases.push(
    post('owner without a connected integration', { ...validTranscript(), owner_user_id: 'hostile-analyst' }, [422]),
    // SEN-ING-26: a NUL reached PostgreSQL in the owner lookup and came back as a 503.
    post('owner_user_id with a NUL character', { ...validTranscript(), owner_user_id: 'hostile-owner\u0000' }, [400]),
    post('text over the body limit (150 KB)', { ...validTranscript(), text: 'A'.repeat(150_000) }, [413]),
    post('title over 2,000 characters', { ...validTranscript(), title: 'T'.repeat(2_001) }, [400]),
    post('1,001 attendees', { ...validTranscript(), attendee_emails: Array.from({ length: 1_001 }, (_, i) => `a${i}@client.test`) }, [400]),
    post('no attendees', { ...validTranscript(), attendee_emails: [] }, [400]),
    post('attendees as a string', { ...validTranscript(), attendee_emails: 'c@client.test' }, [400]),
    post('text as an object', { ...validTranscript(), text: { $gt: '' } }, [400]),
    post('started_at not ISO 8601', { ...validTranscript(), started_at: 'yesterday' }, [400]),
    post('started_at impossible date', { ...validTranscript(), started_at: '2026-13-45T25:61:00Z' }, [400]),
    post('meeting_id over 256 characters', { ...validTranscript(), meeting_id: 'm'.repeat(257) }, [400]),
    post('owner_user_id empty', { ...validTranscript(), owner_user_id: '' }, [400]),
    post('integration_id smuggled in', { ...validTranscript(), integration_id: ctx.ids.integrationId }, [400]),
    post('source smuggled in', { ...validTranscript(), source: 'gmail' }, [400]),
    post('empty object', {}, [400]),
    post('JSON array', '[]', [400]),
    post('JSON null', 'null', [400]),
  );
  return cases;
}
