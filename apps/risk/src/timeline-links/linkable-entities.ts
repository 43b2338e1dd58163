import { RelatedType } from '@sentinel/hardening';
import { ContactEntity, DealEntity, MessageEntity } from '@sentinel/persistence';
import { IsNull, Not, type EntityManager, type EntityTarget, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';

/** The deal a link starts from: its id and the user whose CRM integration synced it. */
export interface LinkingDeal {
  id: string;
  userId: string;
}

export interface LinkableEntity {
  /** The entity class the related_type names. */
  entity: EntityTarget<ObjectLiteral>;
  /** Whether the deal may link to this row of the class: a live one of the deal's own user. */
  exists(manager: EntityManager, relatedId: string, deal: LinkingDeal): Promise<boolean>;
}

function linkable<T extends ObjectLiteral>(entity: EntityTarget<T>, where: (relatedId: string, deal: LinkingDeal) => FindOptionsWhere<T>): LinkableEntity {
  return { entity, exists: (manager, relatedId, deal) => manager.exists(entity, { where: where(relatedId, deal) }) };
}

/**
 * The morph map of timeline links: each allowed `related_type` (RelatedType, the allow-list) to
 * the entity class it names. Nothing outside this map is ever looked up; a type outside the
 * allow-list is a 422 before it gets here. Scoping to the deal's user keeps a link from probing
 * other users' contacts and messages by id.
 */
export const LINKABLE_ENTITIES: Readonly<Record<RelatedType, LinkableEntity>> = {
  [RelatedType.Deal]: linkable(DealEntity, (relatedId, deal) => ({ id: relatedId, userId: deal.userId, deletedAt: IsNull() })),
  [RelatedType.Contact]: linkable(ContactEntity, (relatedId, deal) => ({ id: relatedId, userId: deal.userId, deletedAt: IsNull() })),
  [RelatedType.Message]: linkable(MessageEntity, (relatedId, deal) => ({ id: relatedId, userId: deal.userId, source: Not('calendar' as const) })),
  [RelatedType.CalendarEvent]: linkable(MessageEntity, (relatedId, deal) => ({ id: relatedId, userId: deal.userId, source: 'calendar' as const })),
};
