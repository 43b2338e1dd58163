import { describeComposeConfig } from '@sentinel/testing';
import { IdentityBridgeEnv } from '../src/identity-bridge.env';

describeComposeConfig('identity-bridge', IdentityBridgeEnv);
