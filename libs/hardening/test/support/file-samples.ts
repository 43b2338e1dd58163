import { buildZip } from './zip.builder';

/** File heads with real signatures; the tail is filler, which is all a signature check reads. */
const filler = Buffer.alloc(64, 0x41);
const withFiller = (...heads: Array<string | number[]>) =>
  Buffer.concat([...heads.map((head) => (typeof head === 'string' ? Buffer.from(head, 'latin1') : Buffer.from(head))), filler]);

const CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

export const samples = {
  png: withFiller([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR'),
  jpeg: withFiller([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF'),
  gif: withFiller('GIF89a'),
  webp: withFiller('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '),
  avif: withFiller([0, 0, 0, 0x1c], 'ftypavif', [0, 0, 0, 0], 'avifmif1'),
  pdf: withFiller('%PDF-1.7\n'),
  elf: withFiller([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
  pe: withFiller('MZ', [0x90, 0, 3, 0, 0, 0]),
  svg: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
  zip: buildZip({ 'readme.txt': 'hello' }),
  docx: buildZip({ '[Content_Types].xml': CONTENT_TYPES, 'word/document.xml': '<w:document/>' }),
  xlsx: buildZip({ '[Content_Types].xml': CONTENT_TYPES, 'xl/workbook.xml': '<workbook/>' }),
  pptx: buildZip({ '[Content_Types].xml': CONTENT_TYPES, 'ppt/presentation.xml': '<p:presentation/>' }),
  docm: buildZip({ '[Content_Types].xml': CONTENT_TYPES, 'word/document.xml': '<w:document/>', 'word/vbaProject.bin': 'macro' }),
  jar: buildZip({ 'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0' }),
  text: Buffer.from('Call notes: budget approved, next step on Tuesday. Grüße!\n'),
  textLookingLikeBmp: Buffer.from('BMW fleet renewal: 40 cars\n'),
  utf16: Buffer.from('hello', 'utf16le'),
  invalidUtf8: Buffer.from([0x68, 0x69, 0xc3, 0x28]),
};
