import { loadConfigOrExit } from '@sentinel/config';
import { DemoEnv } from './demo.env';
import { runDemo } from './run-demo';
import { renderWalkthrough } from './walkthrough.renderer';

// Run by `npm start` once every service is ready; prints the walkthrough (the only place a token is printed).
async function main(): Promise<void> {
  const env = loadConfigOrExit(DemoEnv);
  const report = await runDemo({
    tenantId: env.TENANT_ID,
    identityUrl: env.IDENTITY_URL,
    identityAdminKey: env.DEV_IDENTITY_ADMIN_KEY,
    fakesUrl: env.FAKES_URL,
    ingestUrl: env.INGEST_URL,
    crmSyncUrl: env.CRM_SYNC_URL,
    identityBridgeUrl: env.IDENTITY_BRIDGE_URL,
    riskUrl: env.RISK_URL,
    databaseUrl: env.DATABASE_URL,
    slackSigningSecret: env.SLACK_SIGNING_SECRET,
  });
  process.stdout.write(`${renderWalkthrough(report)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
