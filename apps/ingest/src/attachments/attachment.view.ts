import type { AttachmentFileStatus } from '@sentinel/persistence';

/** One attachment's content as its message's owner sees it: stored (downloadable) or refused with a reason. */
export interface AttachmentFileView {
  id: string;
  provider_id: string;
  status: AttachmentFileStatus;
  refusal_reason: string | null;
  content_type: string | null;
  size_bytes: number | null;
}

export interface AttachmentFileList {
  data: AttachmentFileView[];
}
