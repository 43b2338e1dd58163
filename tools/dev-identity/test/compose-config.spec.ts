import { describeComposeConfig } from '@sentinel/testing';
import { DevIdentityEnv } from '../src/dev-identity.env';

describeComposeConfig('dev-identity', DevIdentityEnv, { portVariable: 'DEV_IDENTITY_PORT' });
