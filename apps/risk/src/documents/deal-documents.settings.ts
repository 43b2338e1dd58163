export const DEAL_DOCUMENTS_SETTINGS = Symbol('risk.deal-documents-settings');

/** Where deal documents are stored and how large one may be (STORAGE_DIR, DEAL_DOCUMENT_MAX_BYTES). */
export interface DealDocumentsSettings {
  storageDir: string;
  tenantId: string;
  maxUploadBytes: number;
}
