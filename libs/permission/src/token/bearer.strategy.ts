import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import passport from 'passport';
import type { AuthenticatedPrincipal } from '../principal/authenticated-principal';
import { HeaderBearerStrategy } from './header-bearer.strategy';
import { TokenAuthenticator } from './token-authenticator.service';

/** The passport strategy of user routes; all the work is TokenAuthenticator's. */
@Injectable()
export class BearerTokenStrategy extends PassportStrategy(HeaderBearerStrategy) implements OnApplicationShutdown {
  constructor(private readonly authenticator: TokenAuthenticator) {
    super();
  }

  validate(token: string): Promise<AuthenticatedPrincipal> {
    return this.authenticator.authenticate(token);
  }

  /** passport's registry is process-global: a closed app leaves nothing behind in it. */
  onApplicationShutdown(): void {
    passport.unuse(this.name);
  }
}
