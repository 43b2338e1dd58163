/**
 * The entity classes a polymorphic `related_type` may name: the four that a timeline item can link
 * to in Sentinel. Anything else is refused before it reaches a query (security model MAGAS #56).
 */
export enum RelatedType {
  Deal = 'deal',
  Contact = 'contact',
  Message = 'message',
  CalendarEvent = 'calendar_event',
}

export const RELATED_TYPES: readonly RelatedType[] = Object.values(RelatedType);

export function isRelatedType(value: unknown): value is RelatedType {
  return typeof value === 'string' && (RELATED_TYPES as readonly string[]).includes(value);
}
