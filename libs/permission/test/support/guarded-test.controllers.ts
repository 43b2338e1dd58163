import { Controller, Get, Inject, Param, Post } from '@nestjs/common';
import {
  CurrentPrincipal,
  expandPermission,
  PERMISSION_OPTIONS,
  PermissionDeniedException,
  PublicRoute,
  RequirePermission,
  SystemRoute,
  type AuthenticatedPrincipal,
  type PermissionModuleOptions,
} from '../../src';

/** Routes of the auth tests: one per kind of declaration, plus a resource-level 403. */
@Controller('contacts')
export class ContactsTestController {
  constructor(@Inject(PERMISSION_OPTIONS) private readonly options: PermissionModuleOptions) {}

  @Get()
  @RequirePermission('crm.contacts.view')
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal) {
    return { userId: principal.userId };
  }

  @Get(':id')
  @RequirePermission('crm.contacts.view')
  one(@Param('id') id: string, @CurrentPrincipal() principal: AuthenticatedPrincipal) {
    if (id === 'locked') {
      throw new PermissionDeniedException(expandPermission(this.options.tenantId, 'crm.contacts.update'), principal.userId, id);
    }
    return { id };
  }
}

/** A tenant-looking path segment must not influence the tenant. */
@Controller('tenants/:tenantId/deals')
export class DealsTestController {
  @Get()
  @RequirePermission('crm.deals.view')
  list(@Param('tenantId') tenantId: string) {
    return { pathTenant: tenantId };
  }
}

@SystemRoute()
@Controller('system')
export class SystemTestController {
  @Post('ping')
  ping() {
    return { ok: true };
  }
}

@PublicRoute()
@Controller('public')
export class PublicTestController {
  @Get('ping')
  ping() {
    return { ok: true };
  }
}

/** The benchmark's pair: the same handler body, guarded and public. */
@Controller('bench')
export class BenchTestController {
  @Get('guarded')
  @RequirePermission('crm.contacts.view')
  guarded() {
    return { ok: true };
  }

  @Get('open')
  @PublicRoute()
  open() {
    return { ok: true };
  }
}
