import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import pino from 'pino';
import { adminApiRoutes } from './admin-api.controller';
import { CallCounter } from './call-counter.service';
import { RunningDevIdentity } from './dev-identity.handle';
import {
  DEFAULT_AUDIENCE,
  DEFAULT_EXCHANGE,
  DEFAULT_TOKEN_TTL_SECONDS,
  type DevIdentityOptions,
} from './dev-identity.options';
import type { DevIdentityHandle } from './dev-identity.types';
import { DirectoryAdminService } from './directory-admin.service';
import { FaultInjector } from './fault-injector.service';
import { AdminKeyGuard } from './http/admin-key.guard';
import { HttpRouter } from './http/http-router';
import { createRequestListener } from './http/request-listener';
import { closeServer, listen } from './http/server-lifecycle';
import { identityApiRoutes } from './identity-api.controller';
import { IdentityDirectory } from './identity-directory.store';
import { IdentityEventsPublisher } from './identity-events.publisher';
import { KeyRing } from './key-ring.service';
import { TokenMinter } from './token-minter.service';
import { TokenVerifier } from './token-verifier.service';

/** Composition root: keys and broker first (fail before listening), then the HTTP server. */
export async function startDevIdentity(options: DevIdentityOptions = {}): Promise<DevIdentityHandle> {
  const logger = options.logger ?? pino({ level: 'warn', base: { service: 'dev-identity' } });
  const adminKey = options.adminKey ?? randomBytes(24).toString('base64url');
  const audience = options.audience ?? DEFAULT_AUDIENCE;
  const keyRing = await KeyRing.create(options.algorithms ?? ['ES256']);
  const publisher = new IdentityEventsPublisher(options.rabbitmqUrl, options.exchange ?? DEFAULT_EXCHANGE, logger);
  await publisher.start();

  const server = createServer();
  const address = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1').catch(async (error: unknown) => {
    await publisher.close();
    throw error;
  });
  // A wildcard bind is reachable on loopback; the URL must be one a client can call.
  const host = ['0.0.0.0', '::'].includes(address.address) ? '127.0.0.1' : address.address;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  const issuer = options.issuer ?? url;

  const directory = new IdentityDirectory();
  const faults = new FaultInjector(options.fault);
  const counter = new CallCounter();
  const minter = new TokenMinter(keyRing, directory, {
    issuer,
    audience,
    defaultTtlSeconds: options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
  });
  const verifier = new TokenVerifier(keyRing, directory, { issuer, audience });
  const router = new HttpRouter([
    ...identityApiRoutes({ keyRing, verifier, directory }),
    ...adminApiRoutes({
      directoryAdmin: new DirectoryAdminService(directory, publisher),
      minter,
      keyRing,
      faults,
      counter,
      publisher,
    }),
  ]);
  server.on('request', createRequestListener({ router, adminGuard: new AdminKeyGuard(adminKey), counter, faults, logger }));

  let closing: Promise<void> | undefined;
  const shutdown = async () => {
    faults.close();
    await closeServer(server, options.shutdownGraceMs ?? 5000);
    await publisher.close();
  };
  return new RunningDevIdentity({ url, issuer, audience, adminKey }, () => (closing ??= shutdown()));
}
