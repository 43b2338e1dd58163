import { Inject, Injectable } from '@nestjs/common';
import { integrationTokenContext, type IntegrationTokenColumn, type SecretEnvelopeCipher } from '@sentinel/crypto';
import { accessTokenNeedsRefresh, EXPIRY_SAFETY_MARGIN_MS, GoogleTokenClient } from '@sentinel/providers';
import { google, type calendar_v3, type gmail_v1 } from 'googleapis';
import { SourceUnusableError } from '../../errors/source.errors';
import { SourceIntegrationRepository } from '../../repositories/source-integration.repository';
import { INTEGRATION_TOKEN_CIPHER } from '../../slack/integration-token.reader';
import type { SourceIntegration } from '../source-integration';

export const GOOGLE_SOURCE_SETTINGS = Symbol('GOOGLE_SOURCE_SETTINGS');

export interface GoogleSourceSettings {
  /** googleapis `rootUrl` (the fake in tests). */
  apiUrl: string;
  tokenUrl: string;
  clientId?: string;
  clientSecret?: string;
  /** Days a full sync reaches back when there is no usable cursor. */
  fullSyncDays: number;
  /** 0 disables polling. */
  pollIntervalSeconds: number;
}

export interface GoogleClients {
  gmail: gmail_v1.Gmail;
  calendar: calendar_v3.Calendar;
}

/**
 * Read-only Gmail and Calendar clients for one integration. The stored access token is used while
 * the shared freshness policy calls it fresh; otherwise googleapis asks our refresh handler, which
 * refreshes through the shared GoogleTokenClient and stores the new token encrypted, so polls do
 * not refresh every time. Google refresh tokens do not rotate: two replicas refreshing at once
 * each get a valid access token, so no lock is needed.
 */
@Injectable()
export class GoogleClientFactory {
  constructor(
    @Inject(GOOGLE_SOURCE_SETTINGS) private readonly settings: GoogleSourceSettings,
    @Inject(INTEGRATION_TOKEN_CIPHER) private readonly cipher: SecretEnvelopeCipher | null,
    private readonly integrations: SourceIntegrationRepository,
  ) {}

  clients(integration: SourceIntegration): GoogleClients {
    const { cipher } = this;
    const { clientId, clientSecret } = this.settings;
    if (!cipher || !integration.refreshToken || !clientId || !clientSecret) throw new SourceUnusableError('integration has no usable token');
    const open = (envelope: string, column: IntegrationTokenColumn) => {
      try {
        return cipher.decrypt(envelope, integrationTokenContext(integration.integrationId, column)).plaintext;
      } catch {
        throw new SourceUnusableError('integration token does not decrypt');
      }
    };
    const refreshToken = open(integration.refreshToken, 'refresh_token');
    const tokens = new GoogleTokenClient({ clientId, clientSecret }, integration.provider, this.settings.tokenUrl);
    const auth = new google.auth.OAuth2({
      eagerRefreshThresholdMillis: EXPIRY_SAFETY_MARGIN_MS,
      forceRefreshOnFailure: true,
      // Node's fetch: gaxios would otherwise dynamic-import node-fetch, which some runtimes (Jest's VM) refuse.
      transporterOptions: { fetchImplementation: fetch },
    });
    auth.refreshHandler = async () => {
      const grant = await tokens.refresh(refreshToken);
      const envelope = cipher.encrypt(grant.accessToken, integrationTokenContext(integration.integrationId, 'access_token'));
      // Best effort: a lost save costs one more refresh on the next poll, nothing else.
      await this.integrations.saveAccessToken(integration.integrationId, envelope, grant.expiresAt).catch(() => undefined);
      return { access_token: grant.accessToken, expiry_date: grant.expiresAt?.getTime() ?? Date.now() };
    };
    const { accessToken, tokenExpiresAt } = integration;
    if (accessToken && tokenExpiresAt && !accessTokenNeedsRefresh(integration.provider, { tokenExpiresAt, tokenIssuedAt: null }, new Date())) {
      auth.setCredentials({ access_token: open(accessToken, 'access_token'), expiry_date: tokenExpiresAt.getTime() });
    }
    const options = { auth, rootUrl: this.settings.apiUrl, retry: false };
    return { gmail: google.gmail({ version: 'v1', ...options }), calendar: google.calendar({ version: 'v3', ...options }) };
  }
}
