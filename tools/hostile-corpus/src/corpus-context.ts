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
  };
  /** The identity's current public signing key (PEM), for HS256 key-confusion tokens. */
  publicKeyPem: string;
  /** The tenant id of the other tenant, for spoofing headers. */
  otherTenantId: string;
  slackSigningSecret: string;
  ids: { dealId: string; integrationId: string; contactId: string };
  xssVectors: string[];
  blns: string[];
}
