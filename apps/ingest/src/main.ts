import 'reflect-metadata';
import { runService } from '@sentinel/platform';
import { IngestService } from './ingest.service-definition';

void runService(IngestService);
