// Test-only: the dev identity (a tool app) stands in for the external identity service in-process.
import { startDevIdentity, type DevIdentityHandle } from '@sentinel/dev-identity';
// Test-only: the Google fake (a tool) stands in for Gmail in-process.
import { GoogleFake } from '@sentinel/fakes';
import { waitFor } from '@sentinel/testing';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, realpath, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { GoogleSourcePoller } from '../src/sources/google-source.poller';
import { googleFakeEnv, IngestHarness } from './support/ingest-harness';

jest.setTimeout(90_000);

const MAILBOX = 'olga@ours.com';
const OWNER = 'user-olga';
const OTHER = 'user-bob';
const NO_PERMISSION = 'user-eve';

// Just enough of each format for its signature: what the type is decided by.
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(48, 1)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n');
const ELF = Buffer.concat([Buffer.from('7f454c46020101000000000000000000', 'hex'), Buffer.alloc(48, 2)]);
const PASSWD = Buffer.from('root:x:0:0:root:/root:/bin/bash\n');
const OVERSIZE = Buffer.alloc(10 * 1024 * 1024 + 1, 0x25);

interface HardeningCase {
  name: string;
  filename: string;
  mimeType: string;
  data: Buffer;
  expected: { status: 'stored'; contentType: string; extension: string } | { status: 'refused'; reason: string };
}

const CASES: HardeningCase[] = [
  { name: 'a PNG named .pdf is stored as image/png', filename: 'quote.pdf', mimeType: 'application/pdf', data: PNG, expected: { status: 'stored', contentType: 'image/png', extension: 'pdf' } },
  { name: 'an ELF executable named .png is refused', filename: 'setup.png', mimeType: 'image/png', data: ELF, expected: { status: 'refused', reason: 'type_not_allowed' } },
  { name: 'a file named ../../etc/passwd is stored inside its prefix', filename: '../../etc/passwd', mimeType: 'text/plain', data: PASSWD, expected: { status: 'stored', contentType: 'text/plain', extension: 'bin' } },
  { name: 'a 9-character extension becomes bin', filename: 'report.abcdefghi', mimeType: 'application/pdf', data: PDF, expected: { status: 'stored', contentType: 'application/pdf', extension: 'bin' } },
  { name: 'an uppercase extension is lowercased', filename: 'SCAN.PNG', mimeType: 'image/png', data: PNG, expected: { status: 'stored', contentType: 'image/png', extension: 'png' } },
  { name: 'no extension becomes bin', filename: 'README', mimeType: 'application/pdf', data: PDF, expected: { status: 'stored', contentType: 'application/pdf', extension: 'bin' } },
  { name: 'an oversize attachment is refused without being downloaded', filename: 'huge.pdf', mimeType: 'application/pdf', data: OVERSIZE, expected: { status: 'refused', reason: 'too_large' } },
];

interface FileRow {
  id: string;
  message_id: string;
  provider_id: string;
  status: string;
  refusal_reason: string | null;
  content_type: string | null;
  size_bytes: number | null;
  storage_name: string | null;
}

describe('attachment contents of admitted Gmail messages', () => {
  const google = new GoogleFake();
  let identity: DevIdentityHandle;
  let harness: IngestHarness;
  let sandbox: string;
  let storageDir: string;
  let outside: string;
  let messageId: string;
  const byFilename = new Map<string, FileRow>();

  const messageDir = () => join(storageDir, 'tenants', harness.stack.tenantId, 'attachments', messageId);
  const fileRows = async () => (await harness.db.query<FileRow>(`SELECT * FROM message_attachment_files ORDER BY created_at, id`)).rows;
  const download = async (id: string, subject = OWNER) =>
    request(harness.service.url)
      .get(`/attachments/${id}`)
      .set('Authorization', `Bearer ${(await identity.mintToken({ subject })).token}`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
  const downloads = async () =>
    Number((await harness.db.query<{ count: string }>(`SELECT count(*) FROM activity_log WHERE event = 'attachment.downloaded'`)).rows[0]?.count);

  beforeAll(async () => {
    sandbox = await realpath(await mkdtemp(join(tmpdir(), 'ingest-attachments-')));
    storageDir = join(sandbox, 'storage');
    outside = join(sandbox, 'outside');
    await mkdir(outside, { recursive: true });
    await writeFile(join(outside, 'secret.txt'), 'outside the pinned prefix');
    await google.start();
    identity = await startDevIdentity({});
    harness = await IngestHarness.start({
      env: {
        ...identity.serviceEnv,
        ...googleFakeEnv(google),
        STORAGE_DIR: storageDir,
      },
    });
    const tenant = harness.stack.tenantId;
    for (const user of [OWNER, OTHER, NO_PERMISSION]) await identity.createUser({ id: user, tenants: [{ id: tenant, role: 'member' }] });
    for (const user of [OWNER, OTHER]) {
      await identity.setPolicy({ userId: user, tenantId: tenant, permissions: [`tenant.${tenant}.crm.attachments.view`, `tenant.${tenant}.crm.messages.view`] });
    }
    const crm = await harness.insertIntegration(OWNER, 'hubspot', `portal-${randomUUID()}`, null);
    await harness.seedContact(OWNER, crm, ['pat@client.com']);
    await harness.insertGoogleIntegration(OWNER, 'gmail', MAILBOX, google.issueRefreshToken(MAILBOX));

    const mailbox = google.mailbox(MAILBOX);
    mailbox.add({ from: 'pat@client.com', to: [MAILBOX], subject: 'Documents', text: 'attached', attachments: CASES.map(({ filename, mimeType, data }) => ({ filename, mimeType, data })) });
    mailbox.add({ from: 'stranger@unknown.org', to: [MAILBOX], subject: 'Free', text: 'open me', attachments: [{ filename: 'free.pdf', mimeType: 'application/pdf', data: PDF }] });
    await harness.service.app.get(GoogleSourcePoller).pollAll();
    await harness.waitForOutcome('passed', 1, 15_000, 'gmail');
    await harness.waitForOutcome('dropped_no_crm_match', 1, 15_000, 'gmail');
    await waitFor('every attachment decided', async () => (await fileRows()).length === CASES.length, 20_000);
    const [message] = await harness.messages();
    messageId = String(message?.id);
    const providerIds = message?.attachments as Array<{ filename: string; provider_id: string }>;
    const rows = await fileRows();
    for (const { filename, provider_id } of providerIds) byFilename.set(filename, rows.find((row) => row.provider_id === provider_id) as FileRow);
  });

  afterAll(async () => {
    await harness?.close();
    await identity?.close();
    await google.stop();
    await rm(sandbox, { recursive: true, force: true });
  });

  it.each(CASES)('SEN-HRD-13 $name', async ({ filename, data, expected }) => {
    const row = byFilename.get(filename);
    expect(row?.message_id).toBe(messageId);
    if (expected.status === 'refused') {
      expect(row).toMatchObject({ status: 'refused', refusal_reason: expected.reason, content_type: null, storage_name: null });
      return;
    }
    expect(row).toMatchObject({ status: 'stored', refusal_reason: null, content_type: expected.contentType, size_bytes: data.length });
    expect(row?.storage_name).toMatch(new RegExp(`^[0-9a-f-]{36}\\.${expected.extension}$`));
    expect(await readFile(join(messageDir(), String(row?.storage_name)))).toEqual(data);
  });

  it('SEN-HRD-13 writes nothing but the stored files, all inside the message directory', async () => {
    const stored = (await fileRows()).filter((row) => row.status === 'stored').map((row) => row.storage_name);
    expect((await readdir(messageDir())).sort()).toEqual([...stored].sort());
    expect(await readdir(join(storageDir, 'tenants', harness.stack.tenantId, 'attachments'))).toEqual([messageId]);
    expect(existsSync(join(storageDir, 'etc'))).toBe(false);
    // Only the six attachments under the size cap were downloaded; the stranger's mail was never fetched from.
    expect(google.requestCount('gmail.attachments.get')).toBe(CASES.length - 1);
    expect(await harness.counter('ingest_attachments_total', { outcome: 'stored' })).toBe(5);
  });

  it('SEN-HRD-14 serves a stored attachment with its stored type, nosniff and a download disposition (inline for images), audited', async () => {
    const before = await downloads();
    const pdf = byFilename.get('README') as FileRow;
    const pdfResponse = await download(pdf.id);
    expect(pdfResponse.status).toBe(200);
    expect(pdfResponse.headers['content-type']).toBe('application/pdf');
    expect(pdfResponse.headers['x-content-type-options']).toBe('nosniff');
    expect(pdfResponse.headers['content-disposition']).toBe(`attachment; filename="${pdf.storage_name}"`);
    expect(pdfResponse.body).toEqual(PDF);

    const disguised = byFilename.get('quote.pdf') as FileRow;
    const pngResponse = await download(disguised.id);
    expect(pngResponse.status).toBe(200);
    expect(pngResponse.headers['content-type']).toBe('image/png');
    expect(pngResponse.headers['x-content-type-options']).toBe('nosniff');
    expect(pngResponse.headers['content-disposition']).toBe(`inline; filename="${disguised.storage_name}"`);
    expect(pngResponse.body).toEqual(PNG);

    const text = await download((byFilename.get('../../etc/passwd') as FileRow).id);
    expect(text.headers['content-type']).toBe('text/plain');
    expect(text.headers['content-disposition']).toMatch(/^attachment; filename="[0-9a-f-]{36}\.bin"$/);

    expect(await downloads()).toBe(before + 3);
    const { rows } = await harness.db.query(`SELECT actor_user_id, subject_type, subject_id, properties FROM activity_log WHERE event = 'attachment.downloaded' ORDER BY seq`);
    expect(rows[rows.length - 3]).toEqual({
      actor_user_id: OWNER,
      subject_type: 'message_attachment',
      subject_id: pdf.id,
      properties: { message_id: messageId, content_type: 'application/pdf', size_bytes: PDF.length },
    });
  });

  it('SEN-HRD-14 applies the message resource guard: 404 for anyone else and for refused contents, 403 without the permission', async () => {
    const stored = byFilename.get('README') as FileRow;
    const foreignDownload = await download(stored.id, OTHER);
    expect(foreignDownload.status).toBe(404);
    expect(JSON.parse(foreignDownload.body.toString('utf8'))).toEqual({ error: 'attachment_not_found' });
    expect((await download(stored.id, NO_PERMISSION)).status).toBe(403);
    expect((await download((byFilename.get('setup.png') as FileRow).id)).status).toBe(404);
    expect((await download(randomUUID())).status).toBe(404);
    expect((await download('not-a-uuid')).status).toBe(400);

    const token = async (subject: string) => `Bearer ${(await identity.mintToken({ subject })).token}`;
    const list = await request(harness.service.url).get(`/messages/${messageId}/attachments`).set('Authorization', await token(OWNER));
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(CASES.length);
    expect(list.body.data).toContainEqual({
      id: stored.id,
      provider_id: stored.provider_id,
      status: 'stored',
      refusal_reason: null,
      content_type: 'application/pdf',
      size_bytes: PDF.length,
    });
    const foreign = await request(harness.service.url).get(`/messages/${messageId}/attachments`).set('Authorization', await token(OTHER));
    expect(foreign.status).toBe(404);
  });

  // An absolute name is read as relative to the message directory, where no such file exists.
  it.each([
    ['a stored name climbing out with ..', '../../../../../outside/secret.txt', 403, 'attachment_path_refused'],
    ['an encoded climb', '%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret.txt', 403, 'attachment_path_refused'],
    ['an absolute stored name', '/etc/passwd', 404, 'attachment_not_found'],
  ])('SEN-HRD-14 never serves %s', async (_case, storageName, status, error) => {
    const target = byFilename.get('SCAN.PNG') as FileRow;
    await harness.db.query(`UPDATE message_attachment_files SET storage_name = $2 WHERE id = $1`, [target.id, storageName]);
    try {
      const response = await download(target.id);
      expect(response.status).toBe(status);
      expect(JSON.parse(response.body.toString('utf8'))).toEqual({ error });
    } finally {
      await harness.db.query(`UPDATE message_attachment_files SET storage_name = $2 WHERE id = $1`, [target.id, target.storage_name]);
    }
    expect((await download(target.id)).status).toBe(200);
  });

  it('retries a provider error through the broker and stores the attachment once', async () => {
    const before = (await fileRows()).length;
    const fetches = google.requestCount('gmail.attachments.get');
    google.injectFault({ route: 'gmail.attachments.get', status: 503, times: 2 });
    const flaky = google.mailbox(MAILBOX).add({ from: 'pat@client.com', to: [MAILBOX], subject: 'Retry', text: 'pdf', attachments: [{ filename: 'retry.pdf', mimeType: 'application/pdf', data: PDF }] });
    await harness.service.app.get(GoogleSourcePoller).pollAll();
    await waitFor('the attachment stored after two provider errors', async () => (await fileRows()).length === before + 1, 20_000);
    const [message] = (await harness.messages()).filter((row) => row.external_id === flaky.id);
    expect((await fileRows()).filter((row) => row.message_id === message?.id)).toEqual([expect.objectContaining({ status: 'stored', content_type: 'application/pdf' })]);
    expect(google.requestCount('gmail.attachments.get')).toBe(fetches + 3);
  });

  it('removes the stored contents with the message when the provider deletes it', async () => {
    const before = (await fileRows()).length;
    const mailbox = google.mailbox(MAILBOX);
    const later = mailbox.add({ from: 'pat@client.com', to: [MAILBOX], subject: 'One more', text: 'see pdf', attachments: [{ filename: 'later.pdf', mimeType: 'application/pdf', data: PDF }] });
    const poller = harness.service.app.get(GoogleSourcePoller);
    await poller.pollAll();
    await waitFor('the new attachment stored', async () => (await fileRows()).length === before + 1, 20_000);
    const [stored] = (await harness.messages()).filter((row) => row.external_id === later.id);
    const directory = join(storageDir, 'tenants', harness.stack.tenantId, 'attachments', String(stored?.id));
    expect(await readdir(directory)).toHaveLength(1);

    mailbox.delete(later.id);
    await poller.pollAll();
    await waitFor('message and contents removed', async () => (await fileRows()).length === before && !existsSync(directory), 20_000);
    expect(existsSync(messageDir())).toBe(true);
  });

  it('SEN-HRD-14 refuses a stored file replaced by a symlink out of the prefix, and a message directory linked elsewhere', async () => {
    const target = byFilename.get('report.abcdefghi') as FileRow;
    const path = join(messageDir(), String(target.storage_name));
    await unlink(path);
    await symlink(join(outside, 'secret.txt'), path);
    const linkedFile = await download(target.id);
    expect(linkedFile.status).toBe(403);
    expect(JSON.parse(linkedFile.body.toString('utf8'))).toEqual({ error: 'attachment_path_refused' });

    // The whole message directory moved out and linked back: every file below it is outside now.
    const other = byFilename.get('README') as FileRow;
    const movedTo = join(outside, 'moved');
    await rename(messageDir(), movedTo);
    await symlink(movedTo, messageDir());
    const linkedDirectory = await download(other.id);
    expect(linkedDirectory.status).toBe(403);
    expect(linkedDirectory.body.toString('utf8')).not.toContain('%PDF');
    expect(await harness.counter('ingest_attachment_downloads_total', { result: 'path_refused' })).toBeGreaterThanOrEqual(2);
  });
});
