import type { CorpusContext } from '../corpus-context';
import type { HostileCase } from '../hostile-case';
import { bearer } from '../route-catalogue';
import { blnsSample } from './blns';

/** https targets whose host is, or resolves to, a refused address (the stack runs with private targets not allowed). */
const SSRF_TARGETS = [
  'https://127.0.0.1/hook',
  'https://127.1/hook',
  'https://0.0.0.0/hook',
  'https://169.254.169.254/latest/meta-data/',
  'https://10.0.0.1/hook',
  'https://10.255.255.254:8443/hook',
  'https://172.16.0.1/hook',
  'https://192.168.1.1/hook',
  'https://100.64.0.1/hook',
  'https://224.0.0.1/hook',
  'https://255.255.255.255/hook',
  'https://[::1]/hook',
  'https://[::]/hook',
  'https://[::ffff:127.0.0.1]/hook',
  'https://[::ffff:a9fe:a9fe]/hook',
  'https://[fd00::1]/hook',
  'https://[fe80::1]/hook',
  'https://[64:ff9b::a9fe:a9fe]/hook',
  'https://[2002:7f00:1::]/hook',
  'https://2130706433/hook',
  'https://017700000001/hook',
  'https://0x7f000001/hook',
  'https://0x7f.0.0.1/hook',
  'https://0251.0376.0251.0376/hook',
  'https://localhost/hook',
  'https://LOCALHOST./hook',
];

/** Syntax the guard refuses before any lookup: scheme, credentials, fragment, length. */
const INVALID_TARGETS = [
  'http://93.184.216.34/hook',
  'ftp://93.184.216.34/hook',
  'file:///etc/passwd',
  'gopher://127.0.0.1:6379/_FLUSHALL',
  'javascript:alert(1)',
  'data:text/plain,hook',
  'ws://93.184.216.34/hook',
  '//127.0.0.1/hook',
  '/hooks/relative',
  'not a url',
  'https://evil@127.0.0.1/hook',
  'https://user:pass@93.184.216.34/hook',
  'https://93.184.216.34@127.0.0.1/hook',
  'https://93.184.216.34/hook#fragment',
  `https://93.184.216.34/${'a'.repeat(2_100)}`,
];

const UNKNOWN_EVENTS: string[][] = [['*'], ['risk.*'], ['message.deleted'], ['RISK.LEVEL_CHANGED'], ['risk.level_changed', 'deal.deleted'], [' risk.level_changed'], ['__proto__']];

/**
 * POST /webhooks and PATCH /webhooks/:id with a caller holding crm.webhooks.manage: SSRF targets
 * (loopback, metadata, private, CGNAT, multicast, IPv6 and v4-mapped/NAT64/6to4, decimal, octal and
 * hex forms, localhost, userinfo tricks), non-https, unknown events and oversize: 422 by meaning, 400
 * by shape, 413 past the body limit; no subscription stored or changed.
 */
export function webhookCases(ctx: CorpusContext): HostileCase[] {
  const headers = bearer(ctx.tokens.user);
  const create = (name: string, body: string | object, expected: number[]): HostileCase => ({ category: 'webhooks', name, service: 'risk', method: 'POST', path: '/webhooks', headers, body, expected });
  const update = (name: string, body: object, expected: number[]): HostileCase => ({
    category: 'webhooks',
    name: `PATCH existing: ${name}`,
    service: 'risk',
    method: 'PATCH',
    path: `/webhooks/${ctx.ids.webhookId}`,
    headers,
    body,
    expected,
  });
  const events = ['risk.level_changed'];
  const cases: HostileCase[] = [];
  for (const url of SSRF_TARGETS) {
    cases.push(create(`SSRF ${url}`, { url, events }, [422]));
    cases.push(update(`SSRF ${url}`, { url }, [422]));
  }
  for (const url of INVALID_TARGETS) {
    cases.push(create(`refused URL ${url.slice(0, 60)}`, { url, events }, [422]));
    cases.push(update(`refused URL ${url.slice(0, 60)}`, { url }, [422]));
  }
  for (const unknown of UNKNOWN_EVENTS) cases.push(create(`unknown events ${JSON.stringify(unknown)}`, { url: 'https://93.184.216.34/hook', events: unknown }, [422]));
  blnsSample(ctx.blns, 10).forEach((value, index) => cases.push(create(`blns event #${index}`, { url: 'https://93.184.216.34/hook', events: [value] }, [422])));
  cases.push(
    update('unknown event', { events: ['message.deleted'] }, [422]),
    create('no events', { url: 'https://93.184.216.34/hook', events: [] }, [400]),
    create('21 events', { url: 'https://93.184.216.34/hook', events: Array.from({ length: 21 }, () => 'risk.level_changed') }, [400]),
    create('events as a string', { url: 'https://93.184.216.34/hook', events: 'risk.level_changed' }, [400]),
    create('url as an array', { url: ['https://93.184.216.34/hook'], events }, [400]),
    create('url empty', { url: '', events }, [400]),
    create('secret smuggled in', { url: 'https://93.184.216.34/hook', events, secret: 'attacker-known' }, [400]),
    create('active as a string', { url: 'https://93.184.216.34/hook', events, active: 'yes' }, [400]),
    create('oversize body (150 KB url)', { url: `https://93.184.216.34/${'a'.repeat(150_000)}`, events }, [413]),
    update('secret smuggled in', { secret: 'attacker-known' }, [400]),
  );
  return cases;
}
