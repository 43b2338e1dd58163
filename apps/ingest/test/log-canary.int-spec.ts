import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { parseKeyRing, SecretEnvelopeCipher } from '@sentinel/crypto';
// Test-only: the Slack fake (a tool) stands in for Slack.
import { SlackEventSender, slackMessageEvent, SlackWebApiFake } from '@sentinel/fakes';
import { closedLoopbackPort, TEST_RABBITMQ_URL, waitFor } from '@sentinel/testing';
import { createTestStack, type TestStack } from '@sentinel/testing-services';
import { connect } from 'amqplib';
import { Client } from 'pg';
import { ATTACHMENTS_QUEUE, CONTACTS_QUEUE, INBOUND_QUEUE, LEDGER_QUEUE } from '../src/inbound/inbound.events';
import { nextSlackIds, SIGNING_SECRET } from './support/ingest-harness';

jest.setTimeout(120_000);

const WORKSPACE_ROOT = resolve(__dirname, '../../..');
const TEAM = 'T0CANARY';
const MARK = `canary${randomBytes(4).toString('hex')}`;

/**
 * The ingest service runs as its own process at LOG_LEVEL=debug, so every line pino writes to
 * stdout is captured. Items carry unique marker addresses, names, bodies and tokens; none of them
 * may appear in the logs or the metrics, whatever the outcome.
 */
describe('PII-blind logs and metrics (log canary)', () => {
  const slack = new SlackWebApiFake();
  const keyText = randomBytes(32).toString('base64');
  const cipher = new SecretEnvelopeCipher(parseKeyRing(keyText));
  let stack: TestStack;
  let db: Client;
  let child: ChildProcess;
  let output = '';
  let url: string;
  const markers: string[] = [];
  const marker = (kind: string) => {
    const value = `${MARK}${kind}${markers.length}`;
    markers.push(value);
    return value;
  };

  beforeAll(async () => {
    await slack.start();
    stack = await createTestStack();
    db = new Client({ connectionString: stack.database.url });
    await db.connect();
    const port = await closedLoopbackPort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', resolve(WORKSPACE_ROOT, 'apps/ingest/src/main.ts')],
      {
        cwd: WORKSPACE_ROOT,
        env: {
          ...process.env,
          ...stack.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'debug',
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: slack.apiUrl,
          INTEGRATION_ENCRYPTION_KEY: keyText,
          INGEST_MAX_ATTEMPTS: '2',
          INGEST_RETRY_BASE_MS: '100',
          INGEST_RETRY_MAX_MS: '200',
          TS_NODE_PROJECT: resolve(WORKSPACE_ROOT, 'tsconfig.json'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    await waitFor('service live', async () => (await fetch(`${url}/health/live`).catch(() => undefined))?.ok, 60_000, 250);
    await waitFor('inbound queue declared', async () => {
      const connection = await connect(TEST_RABBITMQ_URL);
      // A missing queue closes the channel with an error event; it only means "not yet".
      connection.on('error', () => undefined);
      try {
        const channel = await connection.createChannel();
        channel.on('error', () => undefined);
        await channel.checkQueue(`sentinel.${stack.tenantId}.${INBOUND_QUEUE}`);
        return true;
      } finally {
        await connection.close().catch(() => undefined);
      }
    }, 30_000, 250);
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
      child.kill('SIGTERM');
      await exited;
    }
    await db?.end();
    await stack?.cleanup([INBOUND_QUEUE, LEDGER_QUEUE, CONTACTS_QUEUE, ATTACHMENTS_QUEUE]);
    await slack.stop();
  });

  async function integration(userId: string, provider: string, account: string, token: string | null): Promise<string> {
    const id = randomUUID();
    const stored = token === null ? null : cipher.encrypt(token, { table: 'integrations', column: 'access_token', rowId: id });
    await db.query(
      `INSERT INTO integrations (id, user_id, provider, status, access_token, external_account_id, sync_stage) VALUES ($1, $2, $3, 'connected', $4, $5, 'incremental_pending')`,
      [id, userId, provider, stored, account],
    );
    return id;
  }

  async function outcome(name: string, source: string): Promise<number> {
    const text = await (await fetch(`${url}/metrics`)).text();
    const line = text.split('\n').find((entry) => entry.startsWith('ingest_outcomes_total{') && entry.includes(`outcome="${name}"`) && entry.includes(`source="${source}"`));
    return line ? Number(line.split(' ').pop()) : 0;
  }

  it('SEN-ING-07 never writes a marker address, name, body or token to the logs or the metrics', async () => {
    const userId = 'user-canary';
    const selfEmail = `${marker('self')}@ours.example.com`;
    const contactEmail = `${marker('contact')}@client.example.com`;
    const strangerEmail = `${marker('stranger')}@else.example.com`;
    const token = `xoxb-${marker('token')}`;
    const revokedToken = `xoxb-${marker('revoked')}`;
    const crm = await integration(userId, 'hubspot', 'portal-1', null);
    const gmail = await integration(userId, 'gmail', selfEmail, null);
    await integration(userId, 'slack', `${TEAM}:USELF`, token);
    await integration('user-revoked', 'slack', 'T0REVOKED:UREV', revokedToken);
    const contactId = randomUUID();
    const contactName = marker('name');
    await db.query(
      `INSERT INTO contacts (id, integration_id, user_id, provider, external_id, email, first_name, synced_at) VALUES ($1, $2, $3, 'hubspot', 'hs-1', $4, $5, now())`,
      [contactId, crm, userId, contactEmail, contactName],
    );
    await db.query(`INSERT INTO contact_emails (contact_id, email, user_id) VALUES ($1, $2, $3)`, [contactId, contactEmail, userId]);
    slack.addToken(token, TEAM);
    slack.addToken(revokedToken, 'T0REVOKED');
    slack.revokeToken(revokedToken);
    slack.addUser({ id: 'USELF', email: selfEmail.toUpperCase() });
    slack.addUser({ id: 'UCONTACT', email: contactEmail });
    slack.addUser({ id: 'USTRANGER', email: strangerEmail });
    slack.setMembers('CCANARY', ['USELF', 'UCONTACT', 'USTRANGER']);
    slack.setMembers('CREV', ['UREV', 'UCONTACT']);

    const sender = new SlackEventSender(`${url}/slack/events`, SIGNING_SECRET);
    const slackMessage = async (channel: string, team: string, user: string) => {
      const ids = nextSlackIds();
      return sender.send(slackMessageEvent({ teamId: team, eventId: ids.eventId, channel, user, text: `${marker('body')} call me at ${contactEmail}`, ts: ids.ts }));
    };
    const passedEvent = nextSlackIds();
    const passedBody = slackMessageEvent({ teamId: TEAM, eventId: passedEvent.eventId, channel: 'CCANARY', user: 'UCONTACT', text: marker('body'), ts: passedEvent.ts });
    expect((await sender.send(passedBody)).status).toBe(200);
    expect((await sender.send(passedBody)).status).toBe(200);
    expect((await slackMessage('CCANARY', TEAM, 'USTRANGER')).status).toBe(200);
    expect((await slackMessage('CCANARY', TEAM, 'USELF')).status).toBe(200);
    expect((await slackMessage('CREV', 'T0REVOKED', 'UCONTACT')).status).toBe(200);
    expect((await sender.send(JSON.stringify({ type: 'event_callback', text: marker('rejected') }), { secret: 'wrong-secret-x' })).status).toBe(401);

    const connection = await connect(TEST_RABBITMQ_URL);
    try {
      const channel = await connection.createConfirmChannel();
      const item = {
        source: 'gmail',
        integration_id: gmail,
        user_id: userId,
        external_id: `gm-${randomUUID()}`,
        participants: [
          { role: 'from', email: `"${marker('display')}" <${contactEmail}>` },
          { role: 'to', email: selfEmail },
        ],
        conversation: { kind: 'email_thread', thread_id: 'th' },
        subject: marker('subject'),
        body_text: marker('body'),
        occurred_at: new Date().toISOString(),
      };
      const envelope = { id: randomUUID(), type: 'inbound.item', tenant_id: stack.tenantId, occurred_at: new Date().toISOString(), data: item };
      channel.publish(stack.eventsExchange, `tenant.${stack.tenantId}.inbound.item`, Buffer.from(JSON.stringify(envelope)), { persistent: true });
      await channel.waitForConfirms();
    } finally {
      await connection.close();
    }

    await waitFor('every outcome', async () =>
      (await outcome('passed', 'slack')) >= 1 &&
      (await outcome('duplicate_event', 'slack')) >= 1 &&
      (await outcome('dropped_no_crm_match', 'slack')) >= 1 &&
      (await outcome('dropped_self_user', 'slack')) >= 1 &&
      (await outcome('fail_closed', 'slack')) >= 1 &&
      (await outcome('passed', 'gmail')) >= 1,
    30_000, 250);
    // Let the last batch's log lines flush.
    await new Promise((resolveWait) => setTimeout(resolveWait, 500));
    const metrics = await (await fetch(`${url}/metrics`)).text();

    expect(output).toContain('inbound batch settled');
    expect(output).toContain('"passed":1');
    // Debug lines were captured too: the gate's per-batch detail is logged at that level.
    expect(output).toContain('"level":20');
    expect(output).toContain('gate batch checked');
    const leaks = markers.filter((value) => output.toLowerCase().includes(value.toLowerCase()) || metrics.toLowerCase().includes(value.toLowerCase()));
    expect(leaks).toEqual([]);
    for (const secret of [SIGNING_SECRET, token, revokedToken]) {
      expect(output).not.toContain(secret);
      expect(metrics).not.toContain(secret);
    }
  });
});
