import { SortQuery } from '@sentinel/hardening';

/** `GET /deals/:id/folders`: the folders the caller may open, paged. */
export class FoldersListQuery extends SortQuery(['name', 'created_at'], 'name') {}

export const DOCUMENT_SORT_FIELDS = ['created_at', 'file_name', 'size_bytes'] as const;

/** `GET /deals/:id/folders/:folder_id/documents`: one folder's documents, paged. */
export class DocumentsListQuery extends SortQuery(DOCUMENT_SORT_FIELDS, '-created_at') {}
