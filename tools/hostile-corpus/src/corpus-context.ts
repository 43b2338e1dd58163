import type { ServiceName } from './hostile-case';

/** What the corpus needs from a running stack: base URLs, tokens and ids to aim at. */
export interface CorpusContext {
  urls: Record<ServiceName, string>;
  tokens: {
    /** Holds every permission of the tenant; on no deal team. */
    user: string;
    /** A tenant member without any permission. */
    noPermissions: string;
    /** A member of another tenant only. */
    otherTenant: string;
    /** Valid signature, expired. */
    expired: string;
    wrongAudience: string;
    wrongIssuer: string;
    /** The stack's SYSTEM_API_TOKEN. */
    system: string;
    /** On the deal's team with the document, tag and link permissions: reaches the checks behind the team guard. */
    teamMember: string;
    /** A live meeting-bot token (`sbt_...`), sent with hostile transcript bodies. */
    bot: string;
    /** A revoked meeting-bot token. */
    revokedBot: string;
  };
  /** The identity's current public signing key (PEM), for HS256 key-confusion tokens. */
  publicKeyPem: string;
  /** The tenant id of the other tenant, for spoofing headers. */
  otherTenantId: string;
  slackSigningSecret: string;
  /** ingest's OAUTH_STATE_SECRET, to forge expired, tampered and mismatched states a real flow could have made. */
  oauthStateSecret: string;
  ids: {
    dealId: string;
    integrationId: string;
    contactId: string;
    /** A folder of the deal open to the team member, holding `documentId`. */
    folderId: string;
    documentId: string;
    /** An existing tenant tag (`tagName`). */
    tagId: string;
    tagName: string;
    /** An existing webhook subscription with a public target. */
    webhookId: string;
  };
  xssVectors: string[];
  blns: string[];
}
