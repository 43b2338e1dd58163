import type { ServiceDefinition } from '@sentinel/platform';
import { IdentityBridgeEnv } from './identity-bridge.env';
import { IdentityBridgeModule } from './identity-bridge.module';

export const IdentityBridgeService: ServiceDefinition<IdentityBridgeEnv> = {
  name: 'identity-bridge',
  title: 'Sentinel identity-bridge',
  description: 'Identity events (policy changes, deactivations), cache flushes and the audit trail.',
  envSchema: IdentityBridgeEnv,
  rootModule: (config) => IdentityBridgeModule.forRoot(config),
};
