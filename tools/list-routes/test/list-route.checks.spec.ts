import { Controller, Get, Param, Query } from '@nestjs/common';
import { ListRoute, PaginationQueryDto, SortQuery } from '@sentinel/hardening';
import { IsOptional, IsString } from 'class-validator';
import { listRouteProblems } from '../src/list-route.checks';
import { getRoutesOf } from '../src/route-walker';

class GoodQuery extends SortQuery(['created_at', 'name'], '-created_at') {}

/** A sort parameter that is validated as text only: any column name would reach a query. */
class UnlistedSortQuery extends PaginationQueryDto {
  @IsOptional()
  @IsString()
  sort?: string;
}

@Controller('things')
class FixtureController {
  @Get()
  @ListRoute(GoodQuery)
  list(@Query() _query: GoodQuery) {
    return [];
  }

  @Get('loose')
  @ListRoute(UnlistedSortQuery)
  loose(@Query() _query: UnlistedSortQuery) {
    return [];
  }

  @Get('undecorated')
  undecorated(@Query() _query: GoodQuery) {
    return [];
  }

  @Get('plain')
  plain() {
    return [];
  }

  @Get(':id')
  one(@Param('id') id: string) {
    return id;
  }
}

const routes = Object.fromEntries(getRoutesOf(FixtureController).map((route) => [route.route, route]));

describe('listRouteProblems (the checker the route walk relies on)', () => {
  it('finds the GET routes with their paths, collection shape and list metadata', () => {
    expect(Object.keys(routes).sort()).toEqual(['GET /things', 'GET /things/:id', 'GET /things/loose', 'GET /things/plain', 'GET /things/undecorated']);
    expect(routes['GET /things/:id']!.collection).toBe(false);
    expect(routes['GET /things']!.listRoute?.sortFields).toEqual(['created_at', 'name']);
  });

  it('passes a decorated route whose query caps per_page and whitelists sort', async () => {
    expect(await listRouteProblems(routes['GET /things']!, false)).toEqual([]);
    expect(await listRouteProblems(routes['GET /things/:id']!, false)).toEqual([]);
  });

  it('flags a pagination query without @ListRoute, and a collection route without it unless exempt', async () => {
    expect(await listRouteProblems(routes['GET /things/undecorated']!, true)).toEqual(['GET /things/undecorated takes a pagination query without @ListRoute']);
    expect(await listRouteProblems(routes['GET /things/plain']!, false)).toEqual(['GET /things/plain answers a collection without @ListRoute (or an exemption with its reason)']);
    expect(await listRouteProblems(routes['GET /things/plain']!, true)).toEqual([]);
  });

  it('flags a sort parameter that is not whitelisted', async () => {
    const problems = await listRouteProblems(routes['GET /things/loose']!, false);
    expect(problems).toContain('GET /things/loose: sort "password" accepted though not whitelisted');
    expect(problems).toContain('GET /things/loose: sort "created_at" accepted though not whitelisted');
  });
});
