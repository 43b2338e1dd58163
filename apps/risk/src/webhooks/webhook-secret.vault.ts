import { Inject, Injectable } from '@nestjs/common';
import type { AadContext } from '@sentinel/crypto';
import { randomBytes } from 'node:crypto';
import { WebhookKeyMissingError } from './webhook.error';
import { WEBHOOK_SETTINGS, type WebhookSettings } from './webhook.settings';

/** Prefix of generated secrets, so a leaked one is recognisable in a secret scanner. */
const SECRET_PREFIX = 'whsec_';

/** Generates webhook secrets and seals them at rest, bound to their subscription row. */
@Injectable()
export class WebhookSecretVault {
  constructor(@Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings) {}

  /** 256 random bits; returned to the caller once and stored only sealed. */
  generate(): string {
    return `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
  }

  seal(secret: string, subscriptionId: string): string {
    return this.cipher().encrypt(secret, location(subscriptionId));
  }

  open(envelope: string, subscriptionId: string): string {
    return this.cipher().decrypt(envelope, location(subscriptionId)).plaintext;
  }

  /** Throws before any work when no key is configured, so nothing is stored that cannot be read. */
  assertConfigured(): void {
    this.cipher();
  }

  private cipher() {
    if (!this.settings.cipher) throw new WebhookKeyMissingError();
    return this.settings.cipher;
  }
}

function location(subscriptionId: string): AadContext {
  return { table: 'webhook_subscriptions', column: 'secret', rowId: subscriptionId };
}
