// Test-only: the Slack signer (a tool) signs exactly as Slack does.
import { slackSignature } from '@sentinel/fakes';
import { SlackRequestRejectedError } from '../src/errors/slack-request-rejected.error';
import { SlackSignatureVerifier } from '../src/slack/slack-signature.verifier';

const SECRET = 'current-signing-secret';
const PREVIOUS = 'previous-signing-secret';
const NOW = 1_763_800_000;
// Slack escapes slashes and non-ASCII in its JSON; a parse-and-stringify round trip does not.
const BODY = '{"type":"event_callback","team_id":"T1","event":{"type":"message","text":"h\\u00e9llo, see https:\\/\\/example.com"}}';

function request(overrides: { secret?: string; timestamp?: number; body?: string; signature?: string; signedBody?: string } = {}) {
  const timestamp = overrides.timestamp ?? NOW;
  const body = overrides.body ?? BODY;
  return {
    timestamp: String(timestamp),
    signature: overrides.signature ?? slackSignature(overrides.secret ?? SECRET, timestamp, overrides.signedBody ?? body),
    rawBody: Buffer.from(body, 'utf8'),
  };
}

function reasonOf(verifier: SlackSignatureVerifier, input: Parameters<SlackSignatureVerifier['verify']>[0]): string {
  try {
    verifier.verify(input);
    return 'accepted';
  } catch (error) {
    if (error instanceof SlackRequestRejectedError) return error.reason;
    throw error;
  }
}

describe('SlackSignatureVerifier', () => {
  const verifier = new SlackSignatureVerifier([SECRET, PREVIOUS], () => NOW);

  it.each([
    ['a correct signature', request(), 'accepted'],
    ['the previous secret during rotation', request({ secret: PREVIOUS }), 'accepted'],
    ['exactly 300 s old', request({ timestamp: NOW - 300 }), 'accepted'],
    ['a wrong secret', request({ secret: 'some-other-secret' }), 'bad_signature'],
    ['301 s old', request({ timestamp: NOW - 301 }), 'stale_timestamp'],
    ['301 s ahead', request({ timestamp: NOW + 301 }), 'stale_timestamp'],
    ['one byte of the body changed', request({ signedBody: BODY, body: BODY.replace('llo', 'lo!') }), 'bad_signature'],
    ['the body re-serialized by JSON', request({ signedBody: BODY, body: JSON.stringify(JSON.parse(BODY)) }), 'bad_signature'],
    ['a signature of another length', request({ signature: `${slackSignature(SECRET, NOW, BODY)}00` }), 'bad_signature'],
    ['a truncated signature', request({ signature: slackSignature(SECRET, NOW, BODY).slice(0, 10) }), 'bad_signature'],
    ['another scheme version', request({ signature: slackSignature(SECRET, NOW, BODY).replace('v0=', 'v1=') }), 'bad_signature'],
    ['a missing signature header', { ...request(), signature: undefined }, 'missing_headers'],
    ['a missing timestamp header', { ...request(), timestamp: undefined }, 'missing_headers'],
    ['a missing body', { ...request(), rawBody: undefined }, 'missing_headers'],
    ['a non-numeric timestamp', { ...request(), timestamp: '17638e5' }, 'malformed_timestamp'],
  ])('SEN-ING-05 SEN-ING-06 %s -> %s', (_label, input, expected) => {
    expect(reasonOf(verifier, input)).toBe(expected);
  });

  it('a JSON round trip really changes the bytes Slack signed (so the table above tests something)', () => {
    expect(JSON.stringify(JSON.parse(BODY))).not.toBe(BODY);
    expect(JSON.parse(JSON.stringify(JSON.parse(BODY)))).toEqual(JSON.parse(BODY));
  });

  it('refuses everything when no secret is configured', () => {
    expect(reasonOf(new SlackSignatureVerifier([undefined, ''], () => NOW), request())).toBe('signing_not_configured');
  });

  it('stops accepting the previous secret once it is removed', () => {
    expect(reasonOf(new SlackSignatureVerifier([SECRET], () => NOW), request({ secret: PREVIOUS }))).toBe('bad_signature');
  });
});
