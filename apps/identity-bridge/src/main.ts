import 'reflect-metadata';
import { runService } from '@sentinel/platform';
import { IdentityBridgeService } from './identity-bridge.service-definition';

void runService(IdentityBridgeService);
