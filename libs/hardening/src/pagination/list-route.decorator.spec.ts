import { Query } from '@nestjs/common';
import { DealsListQuery, HardeningTestController } from '../../test/support/hardening-test.controller';
import { ListRoute, listRouteMetadata } from './list-route.decorator';
import { PaginationQueryDto } from './pagination-query.dto';
import { SortQuery } from './sort-query.dto';

describe('ListRoute', () => {
  it('records the query DTO and its sort fields on the handler', () => {
    expect(listRouteMetadata(HardeningTestController.prototype.listDeals)).toEqual({
      query: DealsListQuery,
      sortFields: ['created_at', 'amount', 'name'],
    });
    expect(listRouteMetadata(HardeningTestController.prototype.listContacts)).toEqual({ query: PaginationQueryDto, sortFields: [] });
    expect(listRouteMetadata(HardeningTestController.prototype.link)).toBeUndefined();
  });

  it('refuses a handler that does not take the declared DTO', () => {
    expect(() => {
      class BadController {
        @ListRoute(DealsListQuery)
        list(@Query() query: PaginationQueryDto) {
          return query;
        }
      }
      return BadController;
    }).toThrow('@ListRoute on BadController.list: the handler takes no DealsListQuery');
  });

  it('refuses a DTO that does not extend PaginationQueryDto', () => {
    class LooseQuery {
      per_page = 1000;
    }
    expect(() => {
      class LooseController {
        @ListRoute(LooseQuery as typeof PaginationQueryDto)
        list(@Query() query: LooseQuery) {
          return query;
        }
      }
      return LooseController;
    }).toThrow('LooseQuery does not extend PaginationQueryDto');
  });
});

describe('SortQuery', () => {
  it('refuses a default that is not an allowed field', () => {
    expect(() => SortQuery(['name'], '-created_at' as never)).toThrow('default sort -created_at is not an allowed field');
  });

  it('exposes its allow-list for route walkers', () => {
    expect(DealsListQuery.sortFields).toEqual(['created_at', 'amount', 'name']);
    expect(DealsListQuery.defaultSort).toBe('-created_at');
  });
});
