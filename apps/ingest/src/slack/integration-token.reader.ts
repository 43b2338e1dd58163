import { Inject, Injectable } from '@nestjs/common';
import { integrationTokenContext, type SecretEnvelopeCipher } from '@sentinel/crypto';
import { IngestErrorCode } from '../errors/ingest.error';
import { ParticipantResolutionError } from '../errors/participant-resolution.error';
import type { GateIntegration } from '../repositories/gate-integration.repository';

export const INTEGRATION_TOKEN_CIPHER = Symbol('INTEGRATION_TOKEN_CIPHER');

/** Decrypts an integration's access token; the token lives only in memory, for the call that needs it. */
@Injectable()
export class IntegrationTokenReader {
  constructor(@Inject(INTEGRATION_TOKEN_CIPHER) private readonly cipher: SecretEnvelopeCipher | null) {}

  accessToken(integration: GateIntegration): string {
    if (!this.cipher || !integration.accessToken) {
      throw new ParticipantResolutionError(IngestErrorCode.IntegrationUnusable, 'integration has no usable token');
    }
    try {
      return this.cipher.decrypt(integration.accessToken, integrationTokenContext(integration.id, 'access_token')).plaintext;
    } catch {
      throw new ParticipantResolutionError(IngestErrorCode.IntegrationUnusable, 'integration token does not decrypt');
    }
  }
}
