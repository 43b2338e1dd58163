import { randomUUID } from 'node:crypto';
import { parseKeyRing, SecretEnvelopeCipher } from '@sentinel/crypto';
import { Client } from 'pg';
import { DEMO_SLACK_BOT_TOKEN, DEMO_SLACK_CHANNEL, DEMO_SLACK_TEAM, DEMO_SLACK_USERS } from './demo-scenario';
import { requestJson } from './http-json.client';

/**
 * The Slack side: the workspace's users and channel in the Slack fake, and the analyst's Slack
 * integration row as ingest reads it (`<team>:<user>`, bot token in an `enc:v1:` envelope bound to
 * its row). There is no Slack connect flow yet, so the row is written directly; upserted on the
 * (user, provider, account) key, so a second run reuses it.
 */
export async function seedSlackWorkspace(fakesUrl: string, databaseUrl: string, encryptionKey: string, userId: string): Promise<string> {
  await requestJson(`${fakesUrl}/slack/tokens`, { method: 'POST', body: JSON.stringify({ token: DEMO_SLACK_BOT_TOKEN, teamId: DEMO_SLACK_TEAM }) });
  for (const user of Object.values(DEMO_SLACK_USERS)) {
    await requestJson(`${fakesUrl}/slack/users`, { method: 'POST', body: JSON.stringify(user) });
  }
  const members = Object.values(DEMO_SLACK_USERS).map((user) => user.id);
  await requestJson(`${fakesUrl}/slack/members`, { method: 'POST', body: JSON.stringify({ channel: DEMO_SLACK_CHANNEL, userIds: members }) });

  const cipher = new SecretEnvelopeCipher(parseKeyRing(encryptionKey));
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const account = `${DEMO_SLACK_TEAM}:${DEMO_SLACK_USERS.analyst.id}`;
    const existing = await db.query<{ id: string }>(
      `SELECT id FROM integrations WHERE user_id = $1 AND provider = 'slack' AND external_account_id = $2`,
      [userId, account],
    );
    const id = existing.rows[0]?.id ?? randomUUID();
    const token = cipher.encrypt(DEMO_SLACK_BOT_TOKEN, { table: 'integrations', column: 'access_token', rowId: id });
    await db.query(
      `INSERT INTO integrations (id, user_id, provider, status, access_token, external_account_id, sync_stage)
       VALUES ($1, $2, 'slack', 'connected', $3, $4, 'incremental_pending')
       ON CONFLICT (user_id, provider, external_account_id)
       DO UPDATE SET status = 'connected', access_token = EXCLUDED.access_token, updated_at = now()`,
      [id, userId, token, account],
    );
    return id;
  } finally {
    await db.end();
  }
}
