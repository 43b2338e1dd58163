import { SetMetadata } from '@nestjs/common';
import { PaginationQueryDto } from './pagination-query.dto';

export const LIST_ROUTE_METADATA = 'sentinel:list-route';

/** What a list route accepts; recorded on the handler for route-walking tests. */
export interface ListRouteMetadata {
  query: typeof PaginationQueryDto;
  sortFields: readonly string[];
}

/**
 * Marks a handler as a list route and records its query DTO. Fails at class definition unless the
 * DTO extends PaginationQueryDto and the handler actually takes it, so the metadata cannot claim
 * a pagination cap or sort allow-list the route does not enforce.
 */
export function ListRoute(query: typeof PaginationQueryDto): MethodDecorator {
  return (target, propertyKey, descriptor) => {
    const route = `${target.constructor.name}.${String(propertyKey)}`;
    if (query !== PaginationQueryDto && !(query.prototype instanceof PaginationQueryDto)) {
      throw new Error(`@ListRoute on ${route}: ${query.name} does not extend PaginationQueryDto`);
    }
    const parameterTypes: unknown[] = Reflect.getMetadata('design:paramtypes', target, propertyKey) ?? [];
    if (!parameterTypes.includes(query)) throw new Error(`@ListRoute on ${route}: the handler takes no ${query.name}`);
    const sortFields = 'sortFields' in query ? (query.sortFields as readonly string[]) : [];
    SetMetadata<string, ListRouteMetadata>(LIST_ROUTE_METADATA, { query, sortFields })(target, propertyKey, descriptor);
  };
}

/** The list-route metadata of a handler (e.g. `Controller.prototype.list`), if it has any. */
export function listRouteMetadata(handler: object): ListRouteMetadata | undefined {
  return Reflect.getMetadata(LIST_ROUTE_METADATA, handler);
}
