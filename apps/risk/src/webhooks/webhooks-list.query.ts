import { SortQuery } from '@sentinel/hardening';

/** `GET /webhooks`: paged (per_page <= 100), by creation or last change. */
export class WebhooksListQuery extends SortQuery(['created_at', 'updated_at'], '-created_at') {}

/** `GET /webhooks/:id/deliveries`: paged attempts, by attempt time. */
export class WebhookDeliveriesQuery extends SortQuery(['attempted_at'], '-attempted_at') {}
