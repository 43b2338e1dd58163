import { describeServiceBoot } from '@sentinel/testing';
import { IdentityBridgeService } from '../src/identity-bridge.service-definition';

describeServiceBoot(IdentityBridgeService, { mainFile: 'apps/identity-bridge/src/main.ts' });
