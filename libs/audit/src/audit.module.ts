import { Module } from '@nestjs/common';
import { ActivityLogRepository } from './activity-log.repository';
import { AuditTrail } from './audit-trail.service';

/** The audit trail for a service; needs the application's TypeORM DataSource (PersistenceModule). */
@Module({
  providers: [ActivityLogRepository, AuditTrail],
  exports: [ActivityLogRepository, AuditTrail],
})
export class AuditModule {}
