/** Where the demo finds the running stack and the development secrets it was started with. */
export interface DemoTargets {
  tenantId: string;
  identityUrl: string;
  identityAdminKey: string;
  fakesUrl: string;
  ingestUrl: string;
  crmSyncUrl: string;
  identityBridgeUrl: string;
  riskUrl: string;
  databaseUrl: string;
  slackSigningSecret: string;
}
