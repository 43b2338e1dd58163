import { describeComposeConfig } from '@sentinel/testing';
import { IngestEnv } from '../src/ingest.env';

describeComposeConfig('ingest', IngestEnv);
