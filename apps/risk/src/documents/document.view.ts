import type { FolderAclEffect } from '@sentinel/persistence';

export interface FolderView {
  id: string;
  deal_id: string;
  name: string;
  team_access: boolean;
  created_at: string;
}

export interface FolderAclView {
  folder_id: string;
  team_access: boolean;
  entries: Array<{ user_id: string; effect: FolderAclEffect }>;
}

export interface DocumentView {
  id: string;
  deal_id: string;
  folder_id: string;
  /** Display name (sanitized client name); the download is named `<id>.<stored extension>`. */
  file_name: string;
  /** Detected from the bytes; the download's Content-Type. */
  mime_type: string;
  size_bytes: number;
  uploaded_by_user_id: string;
  created_at: string;
}

/** The multipart `file` part as multer's memory storage hands it over. */
export interface UploadedDocumentFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}
