import 'reflect-metadata';
import { runService } from '@sentinel/platform';
import { CrmSyncService } from './crm-sync.service-definition';

void runService(CrmSyncService);
