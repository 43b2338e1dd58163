import { describeComposeConfig } from '@sentinel/testing';
import { CrmSyncEnv } from '../src/crm-sync.env';

describeComposeConfig('crm-sync', CrmSyncEnv);
