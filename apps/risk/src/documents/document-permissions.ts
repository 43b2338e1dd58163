/**
 * Permissions the document routes name in their 403s. The controllers spell the same names as
 * literals, because the catalogue generator (docs/permissions.md) reads decorator literals.
 */
export const DEAL_DOCUMENTS_VIEW = 'crm.deal_documents.view';
export const DEAL_DOCUMENTS_UPLOAD = 'crm.deal_documents.upload';
export const DEAL_DOCUMENTS_MOVE = 'crm.deal_documents.move';
export const DEAL_FOLDERS_MANAGE = 'crm.deal_folders.manage';
