import { DevIdentityAdminClient } from './dev-identity-admin.client';
import type { DevIdentityHandle } from './dev-identity.types';

export interface HandleSettings {
  url: string;
  issuer: string;
  audience: string;
  adminKey: string;
}

/**
 * A running instance. Its admin methods go over HTTP like any other client's, so in-process tests
 * exercise the same endpoints, validation included, that the demo seed uses.
 */
export class RunningDevIdentity extends DevIdentityAdminClient implements DevIdentityHandle {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl: string;

  constructor(
    settings: HandleSettings,
    private readonly shutdown: () => Promise<void>,
  ) {
    super(settings.url, settings.adminKey);
    this.issuer = settings.issuer;
    this.audience = settings.audience;
    this.jwksUrl = new URL('/.well-known/jwks.json', settings.url).toString();
  }

  get serviceEnv(): Record<'IDENTITY_URL' | 'IDENTITY_ISSUER' | 'IDENTITY_AUDIENCE', string> {
    return { IDENTITY_URL: this.url, IDENTITY_ISSUER: this.issuer, IDENTITY_AUDIENCE: this.audience };
  }

  close(): Promise<void> {
    return this.shutdown();
  }
}
