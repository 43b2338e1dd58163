const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const END_RECORD_SIZE = 22;
const ENTRY_HEADER_SIZE = 46;
const MAX_COMMENT_SIZE = 0xffff;

export interface OfficeDocumentType {
  mime: string;
  extension: 'docx' | 'xlsx' | 'pptx';
}

const OFFICE_TYPES: ReadonlyArray<OfficeDocumentType & { mainFolder: string }> = [
  { mainFolder: 'word/', extension: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  { mainFolder: 'xl/', extension: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  { mainFolder: 'ppt/', extension: 'pptx', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
];

/** Entry names from the zip central directory, or null when the archive structure is not intact. */
function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lowest = Math.max(0, view.length - END_RECORD_SIZE - MAX_COMMENT_SIZE);
  let end = -1;
  for (let at = view.length - END_RECORD_SIZE; at >= lowest && end < 0; at--) {
    if (view.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) end = at;
  }
  if (end < 0) return null;
  const count = view.readUInt16LE(end + 10);
  let at = view.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let index = 0; index < count; index++) {
    if (at + ENTRY_HEADER_SIZE > end || view.readUInt32LE(at) !== CENTRAL_DIRECTORY_ENTRY) return null;
    const nameLength = view.readUInt16LE(at + 28);
    const nameStart = at + ENTRY_HEADER_SIZE;
    names.push(view.toString('utf8', nameStart, nameStart + nameLength));
    at = nameStart + nameLength + view.readUInt16LE(at + 30) + view.readUInt16LE(at + 32);
  }
  return names;
}

/**
 * docx/xlsx/pptx share the zip magic bytes with every other archive (jar, apk, odt...). A zip is
 * an Office Open XML document only if its central directory lists `[Content_Types].xml` and
 * parts under the main folder; a macro project (`vbaProject.bin`) disqualifies it, since macro
 * documents are not on any allow-list.
 */
export function officeDocumentType(bytes: Uint8Array): OfficeDocumentType | null {
  const names = zipEntryNames(bytes);
  if (!names?.includes('[Content_Types].xml')) return null;
  if (names.some((name) => name.toLowerCase().endsWith('vbaproject.bin'))) return null;
  const match = OFFICE_TYPES.find((type) => names.some((name) => name.startsWith(type.mainFolder)));
  return match ? { mime: match.mime, extension: match.extension } : null;
}
