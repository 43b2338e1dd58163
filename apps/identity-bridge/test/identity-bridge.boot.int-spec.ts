import { describeServiceBoot } from '@sentinel/testing-services';
import { IdentityBridgeService } from '../src/identity-bridge.service-definition';

describeServiceBoot(IdentityBridgeService, { mainFile: 'apps/identity-bridge/src/main.ts' });
