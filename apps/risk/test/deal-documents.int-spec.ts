import { randomUUID } from 'node:crypto';
import { lstat, mkdtemp, readdir, readFile, realpath, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DealApi } from './support/deal-api';
import type { SeededDeal } from './support/risk-harness';

jest.setTimeout(60_000);

const PERMISSIONS = ['crm.deals.view', 'crm.deal_documents.view', 'crm.deal_documents.upload', 'crm.deal_documents.move', 'crm.deal_folders.manage'];
const MAX_BYTES = 4096;

/** File heads with real signatures (a signature check reads nothing more). */
const filler = Buffer.alloc(64, 0x41);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from('IHDR'), filler]);
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), filler]);
const WINDOWS_EXE = Buffer.concat([Buffer.from('MZ'), Buffer.from([0x90, 0, 3, 0, 0, 0]), filler]);

describe('deal documents (folder ACL with explicit deny, hardened uploads and downloads)', () => {
  let api: DealApi;
  let storageDir: string;
  let deal: SeededDeal;
  let otherDeal: SeededDeal;
  let contracts: string;
  let board: string;
  let otherDealFolder: string;

  const folderPath = (folderId: string, dealId = deal.dealId) => `/deals/${dealId}/folders/${folderId}`;
  const upload = (subject: string, folderId: string, bytes: Buffer, filename: string, dealId = deal.dealId) =>
    api.as(subject).post(`${folderPath(folderId, dealId)}/documents`).attach('file', bytes, { filename, contentType: 'application/octet-stream' });
  const createFolder = async (name: string, teamAccess: boolean, dealId = deal.dealId): Promise<string> => {
    const response = await api.as('user-owner').post(`/deals/${dealId}/folders`).send({ name, team_access: teamAccess }).expect(201);
    return response.body.id;
  };
  const setAcl = (folderId: string, teamAccess: boolean, entries: Array<{ user_id: string; effect: 'allow' | 'deny' }>) =>
    api.as('user-owner').put(`${folderPath(folderId)}/acl`).send({ team_access: teamAccess, entries }).expect(200);
  const prefix = () => join(storageDir, 'tenants', api.harness.stack.tenantId, 'deal-documents', deal.dealId);
  const documentFolder = async (documentId: string) =>
    (await api.harness.db.query<{ folder_id: string }>(`SELECT folder_id FROM deal_documents WHERE id = $1`, [documentId])).rows[0]?.folder_id;

  beforeAll(async () => {
    storageDir = await realpath(await mkdtemp(join(tmpdir(), 'risk-documents-')));
    api = await DealApi.start(
      { members: ['user-owner', 'user-member', 'user-denied', 'user-stranger'], admins: ['user-admin'] },
      PERMISSIONS,
      { STORAGE_DIR: storageDir, DEAL_DOCUMENT_MAX_BYTES: String(MAX_BYTES) },
    );
    deal = await api.harness.seedDeal('user-owner');
    otherDeal = await api.harness.seedDeal('user-owner');
    await api.harness.addTeamMember(deal.dealId, 'user-member');
    await api.harness.addTeamMember(deal.dealId, 'user-denied');
    contracts = await createFolder('Contracts', true);
    board = await createFolder('Board', false);
    otherDealFolder = await createFolder('Elsewhere', true, otherDeal.dealId);
    await setAcl(contracts, true, [{ user_id: 'user-denied', effect: 'deny' }]);
    await setAcl(board, false, [{ user_id: 'user-member', effect: 'allow' }]);
  });

  afterAll(async () => {
    await api?.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  describe('folder ACL', () => {
    it('SEN-HRD-15 a deny entry closes the folder to a deal-team member the team access would admit', async () => {
      await api.as('user-member').get(`${folderPath(contracts)}/documents`).expect(200);
      const denied = await api.as('user-denied').get(`${folderPath(contracts)}/documents`).expect(403);
      expect(denied.body).toEqual({
        message: 'Insufficient permissions.',
        error: 'permission_denied',
        required_permission: `tenant.${api.harness.stack.tenantId}.crm.deal_documents.view`,
        resource_type: 'deal_folders',
        resource_id: contracts,
        user_id: 'user-denied',
      });
      expect((await upload('user-denied', contracts, PDF, 'a.pdf')).status).toBe(403);
    });

    it('SEN-HRD-15 deny wins over ownership and administrator status too; the owner can still lift it', async () => {
      const folder = await createFolder('Owner denied', true);
      await setAcl(folder, true, [
        { user_id: 'user-owner', effect: 'deny' },
        { user_id: 'user-admin', effect: 'deny' },
      ]);
      await api.as('user-owner').get(`${folderPath(folder)}/documents`).expect(403);
      await api.as('user-admin').get(`${folderPath(folder)}/documents`).expect(403);
      await setAcl(folder, true, []);
      await api.as('user-owner').get(`${folderPath(folder)}/documents`).expect(200);
      await api.as('user-admin').get(`${folderPath(folder)}/documents`).expect(200);
    });

    it('a folder closed to the team admits only its allow entries', async () => {
      await api.as('user-member').get(`${folderPath(board)}/documents`).expect(200);
      await api.as('user-owner').get(`${folderPath(board)}/documents`).expect(403);
      await api.as('user-denied').get(`${folderPath(board)}/documents`).expect(403);
    });

    it('an allow entry never widens the deal team: the deal-team guard answers first', async () => {
      await setAcl(board, false, [
        { user_id: 'user-member', effect: 'allow' },
        { user_id: 'user-stranger', effect: 'allow' },
      ]);
      const response = await api.as('user-stranger').get(`${folderPath(board)}/documents`).expect(403);
      expect(response.body).toMatchObject({ resource_type: 'deals', resource_id: deal.dealId });
      await setAcl(board, false, [{ user_id: 'user-member', effect: 'allow' }]);
    });

    it('answers a missing deal with 404 and a stranger with the deal 403 before looking at any folder', async () => {
      const missingDeal = randomUUID();
      const response = await api.as('user-owner').get(`${folderPath(contracts, missingDeal)}/documents`).expect(404);
      expect(response.body).toEqual({ error: 'deal_not_found', message: 'Deal not found.' });
      expect((await upload('user-owner', contracts, PDF, 'a.pdf', missingDeal)).status).toBe(404);
      expect((await api.as('user-owner').get(`/deals/${missingDeal}/folders`)).status).toBe(404);
      for (const refused of [await upload('user-stranger', contracts, PDF, 'a.pdf'), await api.as('user-stranger').get(`/deals/${deal.dealId}/folders`)]) {
        expect(refused.status).toBe(403);
        expect(refused.body).toMatchObject({ resource_type: 'deals', resource_id: deal.dealId, user_id: 'user-stranger' });
      }
    });

    it.each([
      ['an unknown id', () => randomUUID()],
      ['a malformed id', () => 'not-a-folder'],
      ["another deal's folder", () => otherDealFolder],
    ])('SEN-HRD-16 answers 403 (never 404, never the deal rights) for %s, to the owner and administrators alike', async (_label, folderId) => {
      const id = folderId();
      for (const subject of ['user-owner', 'user-admin']) {
        const list = await api.as(subject).get(`${folderPath(id)}/documents`).expect(403);
        expect(list.body).toMatchObject({ resource_type: 'deal_folders', resource_id: id });
        expect((await upload(subject, id, PDF, 'a.pdf')).status).toBe(403);
        expect((await api.as(subject).get(`${folderPath(id)}/documents/${randomUUID()}`)).status).toBe(403);
        expect((await api.as(subject).get(`${folderPath(id)}/acl`)).status).toBe(403);
        expect((await api.as(subject).put(`${folderPath(id)}/acl`).send({ team_access: true, entries: [] })).status).toBe(403);
      }
    });

    it('lists only the folders the caller may open', async () => {
      const names = async (subject: string) => (await api.as(subject).get(`/deals/${deal.dealId}/folders?per_page=100`).expect(200)).body.data.map((folder: { name: string }) => folder.name);
      expect(await names('user-member')).toEqual(expect.arrayContaining(['Board', 'Contracts']));
      expect(await names('user-denied')).not.toContain('Contracts');
      expect(await names('user-denied')).not.toContain('Board');
      expect(await names('user-owner')).not.toContain('Board');
    });

    it('lets only the owner (or an administrator) create folders and change an ACL, and audits each change', async () => {
      await api.as('user-member').post(`/deals/${deal.dealId}/folders`).send({ name: 'Mine' }).expect(403);
      await api.as('user-member').put(`${folderPath(contracts)}/acl`).send({ team_access: true, entries: [] }).expect(403);
      await api.as('user-owner').post(`/deals/${deal.dealId}/folders`).send({ name: 'Contracts' }).expect(409);
      const acl = await api.as('user-owner').get(`${folderPath(contracts)}/acl`).expect(200);
      expect(acl.body).toEqual({ folder_id: contracts, team_access: true, entries: [{ user_id: 'user-denied', effect: 'deny' }] });
      expect(await api.auditProperties('deal_folder.acl_changed')).toContainEqual({ folder_id: contracts, team_access: true, allow_entries: 0, deny_entries: 1 });
    });

    it('refuses an ACL naming a user twice', async () => {
      const response = await api
        .as('user-owner')
        .put(`${folderPath(contracts)}/acl`)
        .send({ team_access: true, entries: [{ user_id: 'u1', effect: 'allow' }, { user_id: 'u1', effect: 'deny' }] })
        .expect(400);
      expect(response.body.error).toBe('validation_failed');
    });
  });

  describe('moving a document checks both folders', () => {
    let documentId: string;
    let archive: string;
    let closed: string;

    beforeAll(async () => {
      archive = await createFolder('Archive', true);
      closed = await createFolder('Closed to member', true);
      await setAcl(closed, true, [{ user_id: 'user-member', effect: 'deny' }]);
      documentId = (await upload('user-owner', contracts, PDF, 'contract.pdf').expect(201)).body.id;
    });

    const move = (subject: string, from: string, to: string) => api.as(subject).post(`${folderPath(from)}/documents/${documentId}/move`).send({ target_folder_id: to });

    it.each([
      ['the target folder is closed to the caller', 'user-member', () => contracts, () => closed],
      ['the target folder does not exist', 'user-member', () => contracts, () => randomUUID()],
      ["the target folder is another deal's", 'user-owner', () => contracts, () => otherDealFolder],
      ['the source folder is closed to the caller', 'user-denied', () => contracts, () => archive],
    ])('SEN-HRD-16 refuses with 403 and moves nothing when %s', async (_label, subject, from, to) => {
      const response = await move(subject, from(), to()).expect(403);
      expect(response.body.resource_type).toBe('deal_folders');
      expect(await documentFolder(documentId)).toBe(contracts);
    });

    it('SEN-HRD-16 refuses a source folder the caller may not open even if the document is elsewhere', async () => {
      await move('user-member', closed, archive).expect(403);
      expect(await documentFolder(documentId)).toBe(contracts);
    });

    it('moves when both folders are open, answers 404 for a document not in the source, and audits the move', async () => {
      const moved = await move('user-member', contracts, archive).expect(200);
      expect(moved.body).toMatchObject({ id: documentId, folder_id: archive });
      expect(await documentFolder(documentId)).toBe(archive);
      await move('user-member', contracts, archive).expect(404);
      expect(await api.auditProperties('deal_document.moved')).toContainEqual({ document_id: documentId, from_folder_id: contracts, to_folder_id: archive });
    });
  });

  describe('upload hardening', () => {
    const stored = async (documentId: string) => (await readdir(prefix())).filter((name) => name.startsWith(documentId));

    it.each([
      ['a PNG named .pdf is stored as a PNG', PNG, 'invoice.pdf', 'image/png', 'png', 'invoice.pdf'],
      ['a traversal name is reduced to its base name', PDF, '../../x.pdf', 'application/pdf', 'pdf', 'x.pdf'],
      ['a 9-character extension becomes bin', PDF, 'report.abcdefghi', 'application/pdf', 'pdf', 'report.bin'],
      ['an uppercase extension is lowercased', PNG, 'SCAN.PNG', 'image/png', 'png', 'SCAN.png'],
      ['a name without an extension gets bin', PDF, 'README', 'application/pdf', 'pdf', 'README.bin'],
    ])('SEN-HRD-17 %s', async (_label, bytes, filename, mime, storedExtension, shownName) => {
      const response = await upload('user-member', contracts, bytes, filename).expect(201);
      expect(response.body).toMatchObject({ deal_id: deal.dealId, folder_id: contracts, mime_type: mime, file_name: shownName, size_bytes: bytes.length });
      expect(await stored(response.body.id)).toEqual([`${response.body.id}.${storedExtension}`]);
      expect(await readFile(join(prefix(), `${response.body.id}.${storedExtension}`))).toEqual(bytes);
    });

    it('SEN-HRD-17 writes nothing outside the deal prefix for a traversal name', async () => {
      await upload('user-member', contracts, PDF, '../../../../escape.pdf').expect(201);
      expect(await readdir(storageDir)).toEqual(['tenants']);
      expect(await readdir(join(storageDir, 'tenants', api.harness.stack.tenantId))).toEqual(['deal-documents']);
    });

    it.each([
      ['a Windows executable named .png', WINDOWS_EXE, 'photo.png', 415, 'type_not_allowed'],
      ['an empty file', Buffer.alloc(0), 'empty.pdf', 422, 'empty'],
    ])('SEN-HRD-17 refuses %s and stores nothing', async (_label, bytes, filename, status, code) => {
      const before = await readdir(prefix());
      const response = await upload('user-member', contracts, bytes, filename).expect(status);
      expect(response.body).toMatchObject({ error: 'upload_rejected', code });
      expect(await readdir(prefix())).toEqual(before);
    });

    it('SEN-HRD-17 refuses a file above DEAL_DOCUMENT_MAX_BYTES with 413 and stores nothing', async () => {
      const before = await readdir(prefix());
      const response = await upload('user-member', contracts, Buffer.concat([PDF, Buffer.alloc(MAX_BYTES)]), 'big.pdf').expect(413);
      expect(response.body.error).toBe('payload_too_large');
      expect(await readdir(prefix())).toEqual(before);
    });

    it('refuses an oversize upload from a caller the guards refuse with their 403, before reading it', async () => {
      const oversize = Buffer.concat([PDF, Buffer.alloc(MAX_BYTES)]);
      expect((await upload('user-stranger', contracts, oversize, 'big.pdf').expect(403)).body.resource_type).toBe('deals');
      expect((await upload('user-denied', contracts, oversize, 'big.pdf').expect(403)).body.resource_type).toBe('deal_folders');
    });

    it('answers 400 for a multipart body without its file part', async () => {
      const response = await api.as('user-member').post(`${folderPath(contracts)}/documents`).field('note', 'x').expect(400);
      expect(response.body.error).toBe('document_file_missing');
    });

    it('audits each upload with ids, type and size only', async () => {
      const response = await upload('user-member', contracts, PDF, 'audited.pdf').expect(201);
      expect(await api.auditProperties('deal_document.uploaded')).toContainEqual({
        document_id: response.body.id,
        folder_id: contracts,
        mime_type: 'application/pdf',
        size_bytes: PDF.length,
      });
    });
  });

  describe('downloads', () => {
    it('SEN-HRD-12 serves the stored type with nosniff, non-images as attachments and images inline', async () => {
      const pdf = (await upload('user-member', contracts, PDF, 'terms.png').expect(201)).body.id;
      const pdfResponse = await api.as('user-member').get(`${folderPath(contracts)}/documents/${pdf}`).buffer(true).expect(200);
      expect(pdfResponse.headers['content-type']).toBe('application/pdf');
      expect(pdfResponse.headers['x-content-type-options']).toBe('nosniff');
      expect(pdfResponse.headers['content-disposition']).toBe(`attachment; filename="${pdf}.pdf"`);
      expect(Buffer.from(pdfResponse.body)).toEqual(PDF);

      const png = (await upload('user-member', contracts, PNG, 'diagram.pdf').expect(201)).body.id;
      const pngResponse = await api.as('user-member').get(`${folderPath(contracts)}/documents/${png}`).buffer(true).expect(200);
      expect(pngResponse.headers['content-type']).toBe('image/png');
      expect(pngResponse.headers['x-content-type-options']).toBe('nosniff');
      expect(pngResponse.headers['content-disposition']).toBe(`inline; filename="${png}.png"`);
      expect(await api.auditProperties('deal_document.downloaded')).toContainEqual({ document_id: png, folder_id: contracts });
    });

    it('answers 404 for a document that is not in the named folder, and 403 for a closed folder first', async () => {
      const id = (await upload('user-member', contracts, PDF, 'where.pdf').expect(201)).body.id;
      await api.as('user-member').get(`${folderPath(board)}/documents/${id}`).expect(404);
      await api.as('user-denied').get(`${folderPath(contracts)}/documents/${id}`).expect(403);
    });

    it('SEN-HRD-18 refuses a stored file that became a symlink out of the prefix', async () => {
      const id = (await upload('user-member', contracts, PDF, 'linked.pdf').expect(201)).body.id;
      const secret = join(storageDir, 'secret.txt');
      await writeFile(secret, 'outside the prefix');
      const file = join(prefix(), `${id}.pdf`);
      await unlink(file);
      await symlink(secret, file);
      expect((await lstat(file)).isSymbolicLink()).toBe(true);
      const response = await api.as('user-member').get(`${folderPath(contracts)}/documents/${id}`).expect(400);
      expect(response.body).toEqual({ error: 'path_outside_prefix', message: 'The requested path is not allowed.' });
      await rm(secret);
    });
  });
});
