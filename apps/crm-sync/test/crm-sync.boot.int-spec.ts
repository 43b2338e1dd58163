import { describeServiceBoot } from '@sentinel/testing-services';
import { CrmSyncService } from '../src/crm-sync.service-definition';

describeServiceBoot(CrmSyncService, { mainFile: 'apps/crm-sync/src/main.ts' });
