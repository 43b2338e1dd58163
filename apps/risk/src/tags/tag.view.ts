export interface TagView {
  id: string;
  name: string;
  created_at: string;
}

export interface DealTagsView {
  deal_id: string;
  tags: TagView[];
}
