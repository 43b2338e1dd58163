import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListRoute } from '@sentinel/hardening';
import { CurrentPrincipal, RequirePermission, type AuthenticatedPrincipal } from '@sentinel/permission';
import type { Page } from '../deals/deal.view';
import { CreateWebhookDto, UpdateWebhookDto } from './create-webhook.dto';
import { WebhookErrorFilter } from './webhook-error.filter';
import type { CreatedWebhookView, WebhookDeliveryLogView, WebhookView } from './webhook.view';
import { WebhookDeliveriesQuery, WebhooksListQuery } from './webhooks-list.query';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
@UseFilters(WebhookErrorFilter)
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @RequirePermission('crm.webhooks.view')
  @ListRoute(WebhooksListQuery)
  @ApiOperation({ summary: 'Webhook subscriptions, paged (per_page <= 100), sortable by created_at or updated_at. Secrets are never listed.' })
  list(@Query() query: WebhooksListQuery): Promise<Page<WebhookView>> {
    return this.webhooks.list(query);
  }

  @Post()
  @HttpCode(201)
  @RequirePermission('crm.webhooks.manage')
  @ApiOperation({ summary: 'Creates a subscription; the response carries its signing secret, shown this once. 422 for a refused URL or an unknown event.' })
  create(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Body() dto: CreateWebhookDto): Promise<CreatedWebhookView> {
    return this.webhooks.create(principal, dto);
  }

  @Get(':id')
  @RequirePermission('crm.webhooks.view')
  @ApiOperation({ summary: 'One subscription with its circuit state; 404 if missing.' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<WebhookView> {
    return this.webhooks.get(id);
  }

  @Patch(':id')
  @RequirePermission('crm.webhooks.manage')
  @ApiOperation({ summary: 'Changes the URL, events or active flag (the URL is checked again); 404 if missing.' })
  update(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateWebhookDto,
  ): Promise<WebhookView> {
    return this.webhooks.update(principal, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('crm.webhooks.manage')
  @ApiOperation({ summary: 'Deletes a subscription with its pending deliveries and delivery log; 404 if missing.' })
  remove(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.webhooks.remove(principal, id);
  }

  @Get(':id/deliveries')
  @RequirePermission('crm.webhooks.view')
  @ListRoute(WebhookDeliveriesQuery)
  @ApiOperation({ summary: "A subscription's delivery log: one row per attempt (status code, duration, outcome token; never a body)." })
  deliveries(@Param('id', new ParseUUIDPipe()) id: string, @Query() query: WebhookDeliveriesQuery): Promise<Page<WebhookDeliveryLogView>> {
    return this.webhooks.deliveryLog(id, query);
  }
}
