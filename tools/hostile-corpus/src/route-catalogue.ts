import type { CorpusContext } from './corpus-context';
import type { HttpMethod, ServiceName } from './hostile-case';

/** A bearer-protected route of docs/permissions.md with a well-formed target and body. */
export interface ProtectedRoute {
  service: ServiceName;
  method: HttpMethod;
  /** Catalogue form, for the table. */
  route: string;
  path: string;
  body?: object;
  /** Takes page / per_page / sort. */
  list?: boolean;
  /** The path with `{id}` where a hostile id segment goes, if the route has one. */
  idTemplate?: string;
}

export function protectedRoutes({ ids }: CorpusContext): ProtectedRoute[] {
  const unknown = '00000000-0000-4000-8000-000000000000';
  return [
    { service: 'ingest', method: 'GET', route: 'GET /messages', path: '/messages', list: true },
    { service: 'ingest', method: 'GET', route: 'GET /messages/:id', path: `/messages/${unknown}`, idTemplate: '/messages/{id}' },
    { service: 'ingest', method: 'GET', route: 'GET /integrations/:id/ledger', path: `/integrations/${ids.integrationId}/ledger`, list: true, idTemplate: '/integrations/{id}/ledger' },
    { service: 'crm-sync', method: 'GET', route: 'GET /contacts', path: '/contacts', list: true },
    { service: 'crm-sync', method: 'GET', route: 'GET /contacts/:id', path: `/contacts/${ids.contactId}`, idTemplate: '/contacts/{id}' },
    { service: 'crm-sync', method: 'GET', route: 'GET /integrations', path: '/integrations' },
    { service: 'crm-sync', method: 'POST', route: 'POST /integrations/:provider/connect', path: '/integrations/hubspot/connect', body: {}, idTemplate: '/integrations/{id}/connect' },
    { service: 'crm-sync', method: 'DELETE', route: 'DELETE /integrations/:id', path: `/integrations/${ids.integrationId}`, idTemplate: '/integrations/{id}' },
    { service: 'crm-sync', method: 'POST', route: 'POST /integrations/:id/sync', path: `/integrations/${ids.integrationId}/sync`, body: {}, idTemplate: '/integrations/{id}/sync' },
    { service: 'identity-bridge', method: 'GET', route: 'GET /audit', path: '/audit', list: true },
    { service: 'risk', method: 'GET', route: 'GET /deals', path: '/deals', list: true },
    { service: 'risk', method: 'GET', route: 'GET /deals/:id', path: `/deals/${ids.dealId}`, idTemplate: '/deals/{id}' },
    { service: 'risk', method: 'GET', route: 'GET /deals/:id/team', path: `/deals/${ids.dealId}/team`, idTemplate: '/deals/{id}/team' },
    { service: 'risk', method: 'GET', route: 'GET /deals/:id/timeline', path: `/deals/${ids.dealId}/timeline`, list: true, idTemplate: '/deals/{id}/timeline' },
    { service: 'risk', method: 'POST', route: 'POST /deals/:id/notes', path: `/deals/${ids.dealId}/notes`, body: { body: 'note' }, idTemplate: '/deals/{id}/notes' },
    { service: 'risk', method: 'PUT', route: 'PUT /deals/:id/team/:user_id', path: `/deals/${ids.dealId}/team/hostile-user`, body: {}, idTemplate: '/deals/{id}/team/hostile-user' },
    { service: 'risk', method: 'DELETE', route: 'DELETE /deals/:id/team/:user_id', path: `/deals/${ids.dealId}/team/hostile-user`, idTemplate: '/deals/{id}/team/hostile-user' },
    ...sourceAndDocumentRoutes(ids, unknown),
  ];
}

/** The routes of the attachment, source-connect, webhook, document, tag and link features. */
function sourceAndDocumentRoutes(ids: CorpusContext['ids'], unknown: string): ProtectedRoute[] {
  const folder = `/deals/${ids.dealId}/folders/${ids.folderId}`;
  const folderTemplate = `/deals/{id}/folders/${ids.folderId}`;
  const webhook = { url: 'https://93.184.216.34/hooks/sentinel', events: ['risk.level_changed'] };
  return [
    { service: 'ingest', method: 'GET', route: 'GET /attachments/:id', path: `/attachments/${unknown}`, idTemplate: '/attachments/{id}' },
    { service: 'ingest', method: 'GET', route: 'GET /messages/:id/attachments', path: `/messages/${unknown}/attachments`, idTemplate: '/messages/{id}/attachments' },
    ...(['gmail', 'calendar', 'slack'] as const).map((provider): ProtectedRoute => ({ service: 'ingest', method: 'GET', route: `GET /oauth/${provider}/connect`, path: `/oauth/${provider}/connect` })),
    { service: 'risk', method: 'GET', route: 'GET /webhooks', path: '/webhooks', list: true },
    { service: 'risk', method: 'POST', route: 'POST /webhooks', path: '/webhooks', body: webhook },
    { service: 'risk', method: 'GET', route: 'GET /webhooks/:id', path: `/webhooks/${ids.webhookId}`, idTemplate: '/webhooks/{id}' },
    // An unknown id: a hostile body that somehow passed validation must still change nothing.
    { service: 'risk', method: 'PATCH', route: 'PATCH /webhooks/:id', path: `/webhooks/${unknown}`, body: { active: false }, idTemplate: '/webhooks/{id}' },
    { service: 'risk', method: 'DELETE', route: 'DELETE /webhooks/:id', path: `/webhooks/${unknown}`, idTemplate: '/webhooks/{id}' },
    { service: 'risk', method: 'GET', route: 'GET /webhooks/:id/deliveries', path: `/webhooks/${ids.webhookId}/deliveries`, list: true, idTemplate: '/webhooks/{id}/deliveries' },
    { service: 'risk', method: 'GET', route: 'GET /tags', path: '/tags', list: true },
    { service: 'risk', method: 'POST', route: 'POST /tags', path: '/tags', body: { name: 'hostile-tag' } },
    { service: 'risk', method: 'GET', route: 'GET /deals/:id/tags', path: `/deals/${ids.dealId}/tags`, idTemplate: '/deals/{id}/tags' },
    { service: 'risk', method: 'PUT', route: 'PUT /deals/:id/tags', path: `/deals/${ids.dealId}/tags`, body: { tag_ids: [ids.tagId] }, idTemplate: '/deals/{id}/tags' },
    { service: 'risk', method: 'GET', route: 'GET /deals/:id/timeline/links', path: `/deals/${ids.dealId}/timeline/links`, list: true, idTemplate: '/deals/{id}/timeline/links' },
    {
      service: 'risk',
      method: 'POST',
      route: 'POST /deals/:id/timeline/links',
      path: `/deals/${ids.dealId}/timeline/links`,
      body: { related_type: 'contact', related_id: ids.contactId },
      idTemplate: '/deals/{id}/timeline/links',
    },
    { service: 'risk', method: 'GET', route: 'GET /deals/:id/folders', path: `/deals/${ids.dealId}/folders`, list: true, idTemplate: '/deals/{id}/folders' },
    { service: 'risk', method: 'POST', route: 'POST /deals/:id/folders', path: `/deals/${ids.dealId}/folders`, body: { name: 'Hostile' }, idTemplate: '/deals/{id}/folders' },
    { service: 'risk', method: 'GET', route: 'GET /deals/:id/folders/:folder_id/acl', path: `${folder}/acl`, idTemplate: `${folderTemplate}/acl` },
    {
      service: 'risk',
      method: 'PUT',
      route: 'PUT /deals/:id/folders/:folder_id/acl',
      path: `${folder}/acl`,
      body: { team_access: true, entries: [] },
      idTemplate: `${folderTemplate}/acl`,
    },
    { service: 'risk', method: 'GET', route: 'GET /deals/:id/folders/:folder_id/documents', path: `${folder}/documents`, list: true, idTemplate: `${folderTemplate}/documents` },
    { service: 'risk', method: 'POST', route: 'POST /deals/:id/folders/:folder_id/documents', path: `${folder}/documents`, idTemplate: `${folderTemplate}/documents` },
    {
      service: 'risk',
      method: 'GET',
      route: 'GET /deals/:id/folders/:folder_id/documents/:document_id',
      path: `${folder}/documents/${ids.documentId}`,
      idTemplate: `${folder}/documents/{id}`,
    },
    {
      service: 'risk',
      method: 'POST',
      route: 'POST /deals/:id/folders/:folder_id/documents/:document_id/move',
      path: `${folder}/documents/${ids.documentId}/move`,
      body: { target_folder_id: ids.folderId },
      idTemplate: `${folder}/documents/{id}/move`,
    },
  ];
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
