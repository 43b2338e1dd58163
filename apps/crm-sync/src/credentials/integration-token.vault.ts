import { Inject, Injectable } from '@nestjs/common';
import { integrationTokenContext, type IntegrationTokenColumn } from '@sentinel/crypto';
import type { IntegrationEntity } from '@sentinel/persistence';
import { CrmCredentialsError, CrmCredentialsErrorCode } from './crm-credentials.error';
import { CRM_CREDENTIALS_SETTINGS, type CrmCredentialsSettings } from './crm-credentials.settings';

export type TokenColumn = IntegrationTokenColumn;

/**
 * Decrypts and encrypts an integration's tokens, each bound (AAD) to its row and column so a value
 * copied elsewhere does not decrypt. Plaintext lives only in memory, for the call that needs it.
 */
@Injectable()
export class IntegrationTokenVault {
  constructor(@Inject(CRM_CREDENTIALS_SETTINGS) private readonly settings: CrmCredentialsSettings) {}

  read(integration: IntegrationEntity, column: TokenColumn): string | null {
    const stored = column === 'access_token' ? integration.accessToken : integration.refreshToken;
    if (stored === null) return null;
    try {
      return this.cipher().decrypt(stored, integrationTokenContext(integration.id, column)).plaintext;
    } catch (error) {
      if (error instanceof CrmCredentialsError) throw error;
      throw new CrmCredentialsError(CrmCredentialsErrorCode.Undecryptable, `integrations.${column} does not decrypt`);
    }
  }

  seal(integrationId: string, column: TokenColumn, plaintext: string): string {
    return this.cipher().encrypt(plaintext, integrationTokenContext(integrationId, column));
  }

  private cipher() {
    if (!this.settings.cipher) throw new CrmCredentialsError(CrmCredentialsErrorCode.KeyMissing, 'INTEGRATION_ENCRYPTION_KEY is not configured');
    return this.settings.cipher;
  }
}
