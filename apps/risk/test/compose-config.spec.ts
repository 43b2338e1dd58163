import { describeComposeConfig } from '@sentinel/testing';
import { RiskEnv } from '../src/risk.env';

describeComposeConfig('risk', RiskEnv);
