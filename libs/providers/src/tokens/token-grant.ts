/** A refreshed credential, in the shape `integrations` stores (before encryption). */
export interface TokenGrant {
  accessToken: string;
  /** A new refresh token when the provider rotated it; null to keep the stored one. */
  refreshToken: string | null;
  /** Server-given expiry (HubSpot); null when the provider sends none (Salesforce). */
  expiresAt: Date | null;
  issuedAt: Date;
  /** Salesforce may move an org to another instance. */
  instanceUrl: string | null;
}

export interface OAuthClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** The first grant of a connect flow, with the provider account it belongs to. */
export interface AuthorizationGrant extends TokenGrant {
  /** HubSpot portal (hub) id, Salesforce org id: one integration per user and account. */
  externalAccountId: string;
}
