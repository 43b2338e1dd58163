import { samples } from '../../test/support/file-samples';
import { detectContentType } from './detect-content-type';

describe('detectContentType', () => {
  it.each([
    ['png', 'image/png', 'png'],
    ['jpeg', 'image/jpeg', 'jpeg'],
    ['gif', 'image/gif', 'gif'],
    ['webp', 'image/webp', 'webp'],
    ['avif', 'image/avif', 'avif'],
    ['pdf', 'application/pdf', 'pdf'],
    ['elf', 'application/x-executable', 'elf'],
    ['pe', 'application/octet-stream', 'exe'],
    ['zip', 'application/zip', 'zip'],
    ['jar', 'application/zip', 'zip'],
    ['docm', 'application/zip', 'zip'],
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
    ['pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx'],
  ] as const)('recognises %s by its bytes', (sample, mime, extension) => {
    expect(detectContentType(samples[sample])).toEqual({ mime, extension });
  });

  it('returns null for content without a signature', () => {
    expect(detectContentType(samples.text)).toBeNull();
    expect(detectContentType(new Uint8Array(0))).toBeNull();
  });

  it('treats a truncated zip (no central directory) as a plain zip', () => {
    expect(detectContentType(samples.docx.subarray(0, 40))).toEqual({ mime: 'application/zip', extension: 'zip' });
  });
});
