import { Injectable, OnModuleInit } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { PermissionNameError } from '../names/permission-name.error';
import { RouteAccessResolver } from './route-access.resolver';

/** Raised at module init when a route has no access declaration or a malformed permission. */
export class RouteAccessDeclarationError extends Error {
  constructor(readonly offenders: string[]) {
    super(
      `Every route must declare its access with @RequirePermission('crm.<resource>.<verb>'), @PublicRoute() or ` +
        `@SystemRoute(). Not declared or invalid: ${offenders.join('; ')}`,
    );
    this.name = 'RouteAccessDeclarationError';
  }
}

/** Fails the boot when any controller route could be reached without a deliberate access decision. */
@Injectable()
export class RouteAccessAuditor implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly resolver: RouteAccessResolver,
  ) {}

  onModuleInit(): void {
    const offenders: string[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as object;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const route = `${controller.name}.${name} (${routePath(controller, handler)})`;
        try {
          if (this.resolver.resolve(handler, controller).kind === 'undeclared') offenders.push(route);
        } catch (error) {
          if (!(error instanceof PermissionNameError)) throw error;
          offenders.push(`${route}: ${error.message}`);
        }
      }
    }
    if (offenders.length > 0) throw new RouteAccessDeclarationError(offenders);
  }
}

function routePath(controller: object, handler: object): string {
  const join = (value: unknown) => (Array.isArray(value) ? value.join('|') : String(value ?? ''));
  return `/${[join(Reflect.getMetadata(PATH_METADATA, controller)), join(Reflect.getMetadata(PATH_METADATA, handler))]
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;
}
