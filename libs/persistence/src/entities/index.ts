import { ActivityLogEntity } from './activity-log.entity';
import { ContactEmailEntity } from './contact-email.entity';
import { ContactEntity } from './contact.entity';
import { DealContactEntity } from './deal-contact.entity';
import { DealNoteEntity } from './deal-note.entity';
import { DealRiskAggregateEntity } from './deal-risk-aggregate.entity';
import { DealTeamMemberEntity } from './deal-team-member.entity';
import { DealTimelineEntryEntity } from './deal-timeline-entry.entity';
import { DealEntity } from './deal.entity';
import { IntegrationEntity } from './integration.entity';
import { MessageEntity } from './message.entity';
import { ProcessedEventEntity } from './processed-event.entity';

export * from './activity-log.entity';
export * from './contact-email.entity';
export * from './contact.entity';
export * from './crm-enums';
export * from './deal-contact.entity';
export * from './deal-note.entity';
export * from './deal-risk-aggregate.entity';
export * from './deal-team-member.entity';
export * from './deal-timeline-entry.entity';
export * from './deal.entity';
export * from './integration.entity';
export * from './message.entity';
export * from './processed-event.entity';

/** Every TypeORM entity of the tenant database. Listed explicitly so compiled and test builds load the same set. */
export const ALL_ENTITIES: Array<new () => object> = [
  IntegrationEntity,
  ContactEntity,
  ContactEmailEntity,
  DealEntity,
  DealContactEntity,
  DealTeamMemberEntity,
  DealTimelineEntryEntity,
  DealRiskAggregateEntity,
  DealNoteEntity,
  MessageEntity,
  ActivityLogEntity,
  ProcessedEventEntity,
];
