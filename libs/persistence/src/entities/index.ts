import { ActivityLogEntity } from './activity-log.entity';
import { BotTokenEntity } from './bot-token.entity';
import { ContactEmailEntity } from './contact-email.entity';
import { ContactEntity } from './contact.entity';
import { DealContactEntity } from './deal-contact.entity';
import { DealDocumentEntity } from './deal-document.entity';
import { DealFolderAclEntryEntity } from './deal-folder-acl-entry.entity';
import { DealFolderEntity } from './deal-folder.entity';
import { DealNoteEntity } from './deal-note.entity';
import { DealRiskAggregateEntity } from './deal-risk-aggregate.entity';
import { DealTagEntity } from './deal-tag.entity';
import { DealTeamMemberEntity } from './deal-team-member.entity';
import { DealTimelineEntryEntity } from './deal-timeline-entry.entity';
import { DealTimelineLinkEntity } from './deal-timeline-link.entity';
import { DealEntity } from './deal.entity';
import { IntegrationEntity } from './integration.entity';
import { MessageAttachmentFileEntity } from './message-attachment-file.entity';
import { MessageEntity } from './message.entity';
import { ProcessedEventEntity } from './processed-event.entity';
import { TagEntity } from './tag.entity';
import { WebhookDeliveryAttemptEntity } from './webhook-delivery-attempt.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';

export * from './activity-log.entity';
export * from './bot-token.entity';
export * from './contact-email.entity';
export * from './contact.entity';
export * from './crm-enums';
export * from './deal-contact.entity';
export * from './deal-document.entity';
export * from './deal-folder-acl-entry.entity';
export * from './deal-folder.entity';
export * from './deal-note.entity';
export * from './deal-risk-aggregate.entity';
export * from './deal-tag.entity';
export * from './deal-team-member.entity';
export * from './deal-timeline-entry.entity';
export * from './deal-timeline-link.entity';
export * from './deal.entity';
export * from './integration.entity';
export * from './message-attachment-file.entity';
export * from './message.entity';
export * from './processed-event.entity';
export * from './tag.entity';
export * from './webhook-delivery-attempt.entity';
export * from './webhook-delivery.entity';
export * from './webhook-subscription.entity';

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
  DealFolderEntity,
  DealFolderAclEntryEntity,
  DealDocumentEntity,
  TagEntity,
  DealTagEntity,
  DealTimelineLinkEntity,
  MessageEntity,
  MessageAttachmentFileEntity,
  ActivityLogEntity,
  ProcessedEventEntity,
  BotTokenEntity,
  WebhookSubscriptionEntity,
  WebhookDeliveryEntity,
  WebhookDeliveryAttemptEntity,
];
