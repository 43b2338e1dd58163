import { RequestMethod, type DynamicModule, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner } from '@nestjs/core';
import { listRouteMetadata, PaginationQueryDto, type ListRouteMetadata } from '@sentinel/hardening';

/** One GET handler of a controller, as Nest would route it. */
export interface GetRoute {
  /** `GET /deals/:id/timeline` */
  route: string;
  handler: string;
  /** The last path segment is not a parameter: the route answers with a collection, not one item. */
  collection: boolean;
  /** A `@Query()` DTO of the handler extends PaginationQueryDto. */
  takesPagination: boolean;
  listRoute: ListRouteMetadata | undefined;
}

type ModuleRef = Type<unknown> | DynamicModule | Promise<DynamicModule> | { forwardRef: () => unknown };

function isDynamicModule(value: unknown): value is DynamicModule {
  return typeof value === 'object' && value !== null && 'module' in value;
}

/**
 * Every controller a root module registers, found by walking its imports the way Nest's scanner
 * does (static `@Module` metadata and dynamic module objects), without instantiating anything.
 */
export async function controllersOf(root: DynamicModule): Promise<Array<Type<unknown>>> {
  const seen = new Set<unknown>();
  const controllers = new Set<Type<unknown>>();
  const visit = async (entry: ModuleRef | undefined): Promise<void> => {
    const resolved = entry instanceof Promise ? await entry : entry;
    if (resolved === undefined || seen.has(resolved)) return;
    seen.add(resolved);
    if (typeof resolved === 'object' && 'forwardRef' in resolved) return visit(resolved.forwardRef() as ModuleRef);
    const moduleClass = isDynamicModule(resolved) ? resolved.module : resolved;
    const staticControllers: Array<Type<unknown>> = Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, moduleClass) ?? [];
    const staticImports: ModuleRef[] = Reflect.getMetadata(MODULE_METADATA.IMPORTS, moduleClass) ?? [];
    const dynamic = isDynamicModule(resolved) ? resolved : undefined;
    for (const controller of [...staticControllers, ...((dynamic?.controllers ?? []) as Array<Type<unknown>>)]) controllers.add(controller);
    for (const imported of [...staticImports, ...((dynamic?.imports ?? []) as ModuleRef[])]) await visit(imported);
  };
  await visit(root);
  return [...controllers];
}

function joinPath(...parts: unknown[]): string {
  const segments = parts.flatMap((part) => (typeof part === 'string' ? part.split('/') : [])).filter((segment) => segment !== '');
  return `/${segments.join('/')}`;
}

/** The GET routes of a controller (controllers with several paths are not used in Sentinel). */
export function getRoutesOf(controller: Type<unknown>): GetRoute[] {
  const prototype = controller.prototype as Record<string, unknown>;
  const base: unknown = Reflect.getMetadata(PATH_METADATA, controller);
  return new MetadataScanner().getAllMethodNames(prototype).flatMap((name) => {
    const handler = prototype[name] as object;
    if (Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.GET) return [];
    const path = joinPath(base, Reflect.getMetadata(PATH_METADATA, handler));
    const parameterTypes: unknown[] = Reflect.getMetadata('design:paramtypes', prototype, name) ?? [];
    return [
      {
        route: `GET ${path}`,
        handler: `${controller.name}.${name}`,
        collection: !(path.split('/').pop() ?? '').startsWith(':'),
        takesPagination: parameterTypes.some((type) => type === PaginationQueryDto || (typeof type === 'function' && type.prototype instanceof PaginationQueryDto)),
        listRoute: listRouteMetadata(handler),
      },
    ];
  });
}
