import { Controller, Get, type Type } from '@nestjs/common';
import { closedLoopbackPort } from '@sentinel/testing';
import { RequirePermission, RouteAccessDeclarationError } from '../src';
import { createGuardedTestApp } from './support/guarded-test.app';

@Controller('forgotten')
class UndeclaredController {
  @Get('list')
  list() {
    return [];
  }
}

@Controller('globbed')
class WildcardPermissionController {
  @Get()
  @RequirePermission('crm.contacts.*')
  list() {
    return [];
  }
}

describe('every route declares its access', () => {
  const initError = async (controllers: Type[]) => {
    const redisUrl = `redis://127.0.0.1:${await closedLoopbackPort()}`;
    const app = await createGuardedTestApp({
      redisUrl,
      redisPrefix: 'unused:',
      controllers,
      permission: {
        tenantId: 'acme',
        identityUrl: 'http://127.0.0.1:9',
        jwksUrl: 'http://127.0.0.1:9/.well-known/jwks.json',
        issuer: 'http://127.0.0.1:9',
        audience: 'sentinel',
        algorithms: ['ES256'],
        identityTimeoutMs: 500,
        legacyTokenCutoff: new Date('2026-06-15T00:00:00Z'),
        systemApiToken: 'x'.repeat(32),
      },
    });
    try {
      await app.init();
      return undefined;
    } catch (error) {
      return error as Error;
    } finally {
      await app.close().catch(() => undefined);
    }
  };

  it('SEN-TOK-09 fails module init naming a route without a declaration', async () => {
    const error = await initError([UndeclaredController]);
    expect(error).toBeInstanceOf(RouteAccessDeclarationError);
    expect(error!.message).toContain('UndeclaredController.list (/forgotten/list)');
    expect(error!.message).toContain('@RequirePermission');
  });

  it('fails module init on a wildcard or malformed required permission', async () => {
    const error = await initError([WildcardPermissionController]);
    expect(error).toBeInstanceOf(RouteAccessDeclarationError);
    expect(error!.message).toContain('WildcardPermissionController.list');
    expect(error!.message).toContain('crm.contacts.*');
  });
});
