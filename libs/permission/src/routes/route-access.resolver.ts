import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { expandPermission } from '../names/permission-name.parser';
import { PERMISSION_OPTIONS, type PermissionModuleOptions } from '../module/permission.options';
import { ROUTE_ACCESS_METADATA, type RouteAccess } from './route-access.decorator';

/** A route's access with its permission already expanded for this tenant. */
export type ResolvedRouteAccess =
  | { kind: 'permission'; permission: string }
  | { kind: 'public' }
  | { kind: 'system' }
  | { kind: 'undeclared' };

/**
 * Reads a route's declaration (method first, then controller) once per handler: the three guards
 * ask on every request, and reflection plus expansion would otherwise repeat each time.
 */
@Injectable()
export class RouteAccessResolver {
  private readonly byHandler = new WeakMap<object, ResolvedRouteAccess>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(PERMISSION_OPTIONS) private readonly options: PermissionModuleOptions,
  ) {}

  forContext(context: ExecutionContext): ResolvedRouteAccess {
    const handler = context.getHandler();
    let resolved = this.byHandler.get(handler);
    if (resolved === undefined) {
      resolved = this.resolve(handler, context.getClass());
      this.byHandler.set(handler, resolved);
    }
    return resolved;
  }

  /** Throws PermissionNameError for a malformed declared permission. */
  resolve(handler: object, controller: object): ResolvedRouteAccess {
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS_METADATA, [
      handler as () => unknown,
      controller as new () => unknown,
    ]);
    if (access === undefined) return { kind: 'undeclared' };
    if (access.kind !== 'permission') return access;
    return { kind: 'permission', permission: expandPermission(this.options.tenantId, access.permission) };
  }
}
