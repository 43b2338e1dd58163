import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListRoute } from '@sentinel/hardening';
import { CurrentPrincipal, RequirePermission, type AuthenticatedPrincipal } from '@sentinel/permission';
import { CrmSyncHttpErrorFilter } from '../errors/crm-sync-http-error.filter';
import { IdParam } from '../http/id.param';
import type { ContactPage, ContactView } from './contact.view';
import { ContactsListQuery } from './contacts-list.query';
import { ContactsService } from './contacts.service';

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('contacts')
@UseFilters(CrmSyncHttpErrorFilter)
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @RequirePermission('crm.contacts.view')
  @ListRoute(ContactsListQuery)
  @ApiOperation({ summary: "The caller's contacts, paged (per_page <= 100), sortable, filterable by integration and email." })
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Query() query: ContactsListQuery): Promise<ContactPage> {
    return this.contacts.list(principal.userId, query);
  }

  @Get(':id')
  @RequirePermission('crm.contacts.view')
  @ApiOperation({ summary: "One of the caller's contacts; 404 for anyone else's." })
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param() params: IdParam): Promise<ContactView> {
    return this.contacts.get(principal.userId, params.id);
  }
}
