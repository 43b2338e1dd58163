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
  ];
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
