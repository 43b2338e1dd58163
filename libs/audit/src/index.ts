export * from './activity-log.repository';
export * from './audit-chain';
export * from './audit-chain.verifier';
export * from './audit-entry';
export * from './audit-properties.guard';
export * from './audit-trail.service';
export * from './audit.error';
export * from './audit.module';
