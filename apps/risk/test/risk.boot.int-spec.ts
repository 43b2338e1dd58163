import { describeServiceBoot } from '@sentinel/testing-services';
import { RiskService } from '../src/risk.service-definition';

describeServiceBoot(RiskService, { mainFile: 'apps/risk/src/main.ts' });
