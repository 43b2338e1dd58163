import { describeServiceBoot } from '@sentinel/testing-services';
import { IngestService } from '../src/ingest.service-definition';

describeServiceBoot(IngestService, { mainFile: 'apps/ingest/src/main.ts' });
