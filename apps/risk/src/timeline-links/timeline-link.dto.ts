import { IsRelatedType, RelatedType, SortQuery } from '@sentinel/hardening';
import { IsUUID } from 'class-validator';

/** `POST /deals/:id/timeline/links`: a related_type outside the allow-list is a 422 (the hardened pipe). */
export class CreateTimelineLinkDto {
  @IsRelatedType()
  related_type!: RelatedType;

  @IsUUID()
  related_id!: string;
}

/** `GET /deals/:id/timeline/links`: paged, newest first by default. */
export class TimelineLinksQuery extends SortQuery(['created_at'], '-created_at') {}

export interface TimelineLinkView {
  id: string;
  deal_id: string;
  related_type: RelatedType;
  related_id: string;
  created_by_user_id: string;
  created_at: string;
}
