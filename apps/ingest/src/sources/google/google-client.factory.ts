import { Inject, Injectable } from '@nestjs/common';
import type { SecretEnvelopeCipher } from '@sentinel/crypto';
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
 * Read-only Gmail and Calendar clients for one integration. The stored access token is used until
 * it expires; a refreshed one is encrypted and stored again, so polls do not refresh every time.
 */
@Injectable()
export class GoogleClientFactory {
  constructor(
    @Inject(GOOGLE_SOURCE_SETTINGS) private readonly settings: GoogleSourceSettings,
    @Inject(INTEGRATION_TOKEN_CIPHER) private readonly cipher: SecretEnvelopeCipher | null,
    private readonly integrations: SourceIntegrationRepository,
  ) {}

  clients(integration: SourceIntegration): GoogleClients {
    const cipher = this.cipher;
    if (!cipher || !integration.refreshToken) throw new SourceUnusableError('integration has no usable token');
    const open = (envelope: string, column: 'access_token' | 'refresh_token') => {
      try {
        return cipher.decrypt(envelope, { table: 'integrations', column, rowId: integration.integrationId }).plaintext;
      } catch {
        throw new SourceUnusableError('integration token does not decrypt');
      }
    };
    const auth = new google.auth.OAuth2({
      clientId: this.settings.clientId,
      clientSecret: this.settings.clientSecret,
      endpoints: { oauth2TokenUrl: this.settings.tokenUrl },
      // Node's fetch: gaxios would otherwise dynamic-import node-fetch, which some runtimes (Jest's VM) refuse.
      transporterOptions: { fetchImplementation: fetch },
    });
    auth.setCredentials({
      refresh_token: open(integration.refreshToken, 'refresh_token'),
      ...(integration.accessToken ? { access_token: open(integration.accessToken, 'access_token') } : {}),
      ...(integration.tokenExpiresAt ? { expiry_date: integration.tokenExpiresAt.getTime() } : {}),
    });
    auth.on('tokens', (tokens) => {
      if (!tokens.access_token) return;
      const envelope = cipher.encrypt(tokens.access_token, { table: 'integrations', column: 'access_token', rowId: integration.integrationId });
      // Best effort: a lost save costs one more refresh on the next poll, nothing else.
      void this.integrations
        .saveAccessToken(integration.integrationId, envelope, tokens.expiry_date ? new Date(tokens.expiry_date) : null)
        .catch(() => undefined);
    });
    const options = { auth, rootUrl: this.settings.apiUrl, retry: false };
    return { gmail: google.gmail({ version: 'v1', ...options }), calendar: google.calendar({ version: 'v3', ...options }) };
  }
}
