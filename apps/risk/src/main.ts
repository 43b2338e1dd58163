import 'reflect-metadata';
import { runService } from '@sentinel/platform';
import { RiskService } from './risk.service-definition';

void runService(RiskService);
