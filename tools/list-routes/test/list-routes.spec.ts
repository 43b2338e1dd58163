// Test-only: the four services' root modules, walked for their controllers (nothing is booted).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { CrmSyncService } from '../../../apps/crm-sync/src/crm-sync.service-definition';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { IdentityBridgeService } from '../../../apps/identity-bridge/src/identity-bridge.service-definition';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { IngestService } from '../../../apps/ingest/src/ingest.service-definition';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { RiskService } from '../../../apps/risk/src/risk.service-definition';
import { Logger } from '@nestjs/common';
import type { BaseServiceEnv } from '@sentinel/config';
import { loadConfig } from '@sentinel/config';
import type { ServiceDefinition } from '@sentinel/platform';
import { composeEnvironment, composeService, readComposeFile } from '@sentinel/testing';
import { listRouteProblems } from '../src/list-route.checks';
import { controllersOf, getRoutesOf, type GetRoute } from '../src/route-walker';

/**
 * Collection-shaped GET routes that are deliberately not paged lists, each with its reason. A new
 * collection route needs @ListRoute (per_page <= 100, whitelisted sort) or a line here.
 */
const NOT_LISTS: Record<string, string> = {
  'GET /health/live': 'a probe, not data',
  'GET /health/ready': 'a probe, not data',
  'GET /metrics': 'Prometheus exposition, not data',
  'GET /oauth/:provider/connect': 'a redirect to the provider',
  'GET /oauth/:provider/callback': 'a redirect back from the provider',
  'GET /integrations': "the caller's integrations: at most one per provider",
  'GET /integrations/:id/ledger': 'a table per day over a bounded from/to window',
  'GET /messages/:id/attachments': "one message's attachments, bounded by the message",
  'GET /deals/:id/team': "one deal's team: its owner and explicitly added members",
  'GET /deals/:id/tags': "one deal's tag set, at most 100 (the sync's cap)",
  'GET /deals/:id/folders/:folder_id/acl': "one folder's ACL, at most 200 entries (the PUT's cap)",
};

const SERVICES: ReadonlyArray<ServiceDefinition<BaseServiceEnv>> = [IngestService, CrmSyncService, IdentityBridgeService, RiskService] as never;

/** Each service's GET routes, from its root module configured as docker-compose.yml configures it. */
async function routesByService(): Promise<Array<{ service: string; routes: GetRoute[] }>> {
  const compose = readComposeFile();
  return Promise.all(
    SERVICES.map(async (definition) => {
      const config = loadConfig(definition.envSchema, composeEnvironment(composeService(compose, definition.name)));
      const controllers = await controllersOf(definition.rootModule(config));
      return { service: definition.name, routes: controllers.flatMap(getRoutesOf) };
    }),
  );
}

describe('every list route of every service', () => {
  let services: Array<{ service: string; routes: GetRoute[] }>;

  beforeAll(async () => {
    // Building four root modules in one process makes TypeOrmModule warn about its default name; nothing connects.
    Logger.overrideLogger(['error']);
    services = await routesByService();
  });

  it('finds the four services and their list routes', () => {
    expect(services.map((entry) => entry.service)).toEqual(['ingest', 'crm-sync', 'identity-bridge', 'risk']);
    const lists = services.flatMap((entry) => entry.routes.filter((route) => route.listRoute).map((route) => route.route));
    expect(lists).toEqual(expect.arrayContaining(['GET /messages', 'GET /contacts', 'GET /audit', 'GET /deals', 'GET /deals/:id/timeline']));
  });

  it('SEN-HRD-09 SEN-HRD-08 caps per_page at 100 and whitelists sort on each list route; every other collection route is a named exemption', async () => {
    const problems: string[] = [];
    for (const { service, routes } of services) {
      for (const route of routes) problems.push(...(await listRouteProblems(route, route.route in NOT_LISTS)).map((problem) => `${service}: ${problem}`));
    }
    expect(problems).toEqual([]);
  });

  it('keeps no stale exemption', () => {
    const routes = new Set(services.flatMap((entry) => entry.routes.map((route) => route.route)));
    expect(Object.keys(NOT_LISTS).filter((route) => !routes.has(route))).toEqual([]);
  });
});
