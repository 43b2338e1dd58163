import { randomUUID } from 'node:crypto';
import type { CorpusContext } from '../corpus-context';
import type { HostileCase } from '../hostile-case';
import { multipartBody, type MultipartFile } from '../multipart';
import { bearer } from '../route-catalogue';
import { blnsSample } from './blns';

/** Bytes whose type contradicts the names they travel under. */
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(56)]);
const PE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0')]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>fetch("/deals").then(r=>r.text()).then(alert)</script></body></html>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>');
const PHP = Buffer.from('<?php system($_GET["c"]); ?>');
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]), Buffer.alloc(60)]);
/** A PNG signature and IHDR: an allowed type, so only the property under test refuses it. */
export const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** The corpus's stack caps uploads at this size (DEAL_DOCUMENT_MAX_BYTES); the oversize case sends more. */
export const HOSTILE_UPLOAD_MAX_BYTES = 64 * 1024;

const CONTRADICTIONS: Array<[string, Buffer, string, string]> = [
  ['ELF named .png', ELF, 'avatar.png', 'image/png'],
  ['PE named .jpg', PE, 'photo.jpg', 'image/jpeg'],
  ['HTML named .pdf', HTML, 'contract.pdf', 'application/pdf'],
  ['SVG with script named .png', SVG, 'logo.png', 'image/png'],
  ['SVG with script named .svg', SVG, 'logo.svg', 'image/svg+xml'],
  ['PHP named .jpg', PHP, 'shell.jpg', 'image/jpeg'],
  ['bare ZIP named .docx', ZIP, 'proposal.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['HTML declared text/html named .html', HTML, 'index.html', 'text/html'],
  ['ELF named .txt (binary, not text)', ELF, 'notes.txt', 'text/plain'],
];

const TRAVERSAL_NAMES = [
  '../../../../etc/cron.d/evil.png',
  '..\\..\\..\\windows\\system32\\evil.png',
  '%2e%2e%2f%2e%2e%2fevil.png',
  '/etc/passwd',
  '....//....//evil.png',
  'CON.png',
  '.htaccess',
];

/**
 * Uploads from a deal-team member into an open folder whose bytes contradict their names (refused
 * by type, 415), under traversal names and 9-character extensions (same bytes, same 415), empty
 * (422) or over the cap (413), malformed multipart (400); valid bytes into missing folders (403);
 * moves to and from missing folders (403). Nothing stored, no file written.
 */
export function dealDocumentCases(ctx: CorpusContext): HostileCase[] {
  const member = bearer(ctx.tokens.teamMember);
  const { dealId, folderId, documentId } = ctx.ids;
  const uploadPath = (folder: string) => `/deals/${dealId}/folders/${folder}/documents`;
  const upload = (name: string, files: MultipartFile[], expected: number[], folder = folderId, headers = member): HostileCase => {
    const { headers: multipart, body } = multipartBody(files);
    return { category: 'uploads', name, service: 'risk', method: 'POST', path: uploadPath(folder), headers: { ...headers, ...multipart }, body, expected };
  };
  const file = (fileName: string, bytes: Buffer, contentType = 'application/octet-stream'): MultipartFile => ({ field: 'file', fileName, contentType, bytes });
  const cases: HostileCase[] = [];
  for (const [name, bytes, fileName, type] of CONTRADICTIONS) cases.push(upload(name, [file(fileName, bytes, type)], [415]));
  for (const fileName of TRAVERSAL_NAMES) cases.push(upload(`traversal name ${fileName} (ELF bytes)`, [file(fileName, ELF, 'image/png')], [415]));
  cases.push(
    upload('9-character extension .pdfpdfpdf (HTML bytes)', [file('report.pdfpdfpdf', HTML, 'application/pdf')], [415]),
    upload('9-character extension .abcdefghi (ELF bytes)', [file('report.abcdefghi', ELF)], [415]),
    upload('double extension .png.html (HTML bytes)', [file('avatar.png.html', HTML, 'image/png')], [415]),
    upload('empty file named .png', [file('empty.png', Buffer.alloc(0), 'image/png')], [422]),
    upload(`PNG over the cap (${HOSTILE_UPLOAD_MAX_BYTES + 1024} bytes)`, [file('big.png', Buffer.concat([PNG, Buffer.alloc(HOSTILE_UPLOAD_MAX_BYTES + 1024)]), 'image/png')], [413]),
    upload('PNG under another field name', [{ field: 'upload', fileName: 'a.png', contentType: 'image/png', bytes: PNG }], [400]),
    upload('two files in one request', [file('a.png', PNG, 'image/png'), file('b.png', PNG, 'image/png')], [400]),
    upload('valid PNG into a missing folder', [file('a.png', PNG, 'image/png')], [403], randomUUID()),
    upload('valid PNG into a non-uuid folder id', [file('a.png', PNG, 'image/png')], [403], '..%2f..%2fetc'),
    upload('valid PNG from a caller on no deal team', [file('a.png', PNG, 'image/png')], [403], folderId, bearer(ctx.tokens.user)),
    { category: 'uploads', name: 'no file part (JSON body)', service: 'risk', method: 'POST', path: uploadPath(folderId), headers: member, body: { file: 'x' }, expected: [400] },
    {
      category: 'uploads',
      name: 'multipart without a boundary',
      service: 'risk',
      method: 'POST',
      path: uploadPath(folderId),
      headers: { ...member, 'content-type': 'multipart/form-data' },
      body: Buffer.from('--x\r\n'),
      expected: [400],
    },
    {
      category: 'uploads',
      name: 'multipart truncated mid-file',
      service: 'risk',
      method: 'POST',
      path: uploadPath(folderId),
      headers: { ...member, 'content-type': 'multipart/form-data; boundary=hostile' },
      body: Buffer.concat([Buffer.from('--hostile\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n'), PNG]),
      expected: [400],
    },
  );
  const move = (name: string, source: string, target: unknown, expected: number[]): HostileCase => ({
    category: 'moves',
    name,
    service: 'risk',
    method: 'POST',
    path: `/deals/${dealId}/folders/${source}/documents/${documentId}/move`,
    headers: member,
    body: { target_folder_id: target },
    expected,
  });
  cases.push(
    move('to a missing folder', folderId, randomUUID(), [403]),
    move('from a missing folder', randomUUID(), folderId, [403]),
    move('between two missing folders', randomUUID(), randomUUID(), [403]),
    move('to a traversal folder id', folderId, '../../../etc', [403]),
    move('to the nil uuid', folderId, '00000000-0000-0000-0000-000000000000', [403]),
    move('to a folder id with a NUL character', folderId, `${folderId}\u0000`, [403]),
    move('target over 200 characters', folderId, 'f'.repeat(201), [400]),
    move('target as an array', folderId, [folderId], [400]),
    move('target missing', folderId, undefined, [400]),
  );
  // MoveDocumentDto takes any 1-200 characters: a folder id that is not an open folder of the deal is the guard's 403.
  blnsSample(ctx.blns, 12).forEach((value, index) => cases.push(move(`to blns folder id #${index}`, folderId, value, value.length <= 200 ? [403] : [400])));
  cases.push({
    category: 'moves',
    name: 'unknown document in the open folder',
    service: 'risk',
    method: 'POST',
    path: `/deals/${dealId}/folders/${folderId}/documents/${randomUUID()}/move`,
    headers: member,
    body: { target_folder_id: folderId },
    expected: [404],
  });
  return cases;
}
