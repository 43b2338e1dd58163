import type { CrmProvider, DealTeamRole, MessageDirection, TimelineSource } from '@sentinel/persistence';
import type { RiskAssessment } from '../rules/risk-assessment';

export interface DealView {
  id: string;
  integration_id: string;
  provider: CrmProvider;
  external_id: string;
  name: string | null;
  stage: string | null;
  amount: string | null;
  close_date: string | null;
  owner_external_id: string | null;
  linked_contacts: number;
  risk: RiskAssessment;
}

export interface Page<T> {
  data: T[];
  page: number;
  per_page: number;
  total: number;
}

export interface TimelineEntryView {
  kind: 'message' | 'note';
  source: TimelineSource;
  id: string;
  direction: MessageDirection | null;
  occurred_at: string;
  contact_ids: string[];
  body?: string;
  author_user_id?: string;
}

export interface NoteView {
  id: string;
  deal_id: string;
  author_user_id: string;
  body: string;
  created_at: string;
}

export interface TeamMemberView {
  user_id: string;
  role: DealTeamRole;
  added_at: string;
}
