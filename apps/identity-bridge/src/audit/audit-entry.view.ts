/** One activity_log row as `GET /audit` returns it. */
export interface AuditEntryView {
  seq: number;
  event: string;
  actor_user_id: string;
  impersonator_id: string | null;
  subject_type: string;
  subject_id: string;
  properties: Record<string, unknown>;
  occurred_at: string;
  hash: string;
}

export interface AuditPage {
  data: AuditEntryView[];
  page: number;
  per_page: number;
  total: number;
}
