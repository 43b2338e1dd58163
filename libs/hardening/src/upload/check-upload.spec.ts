import { samples } from '../../test/support/file-samples';
import { checkUpload, type UploadCandidate } from './check-upload';
import { IMAGE_MIME_TYPES } from './upload-allow-lists';
import { type UploadRejectionCode, UploadRejectedError } from './upload-rejected.error';

function rejection(candidate: UploadCandidate): UploadRejectionCode | 'accepted' {
  try {
    checkUpload(candidate);
    return 'accepted';
  } catch (error) {
    if (error instanceof UploadRejectedError) return error.code;
    throw error;
  }
}

describe('checkUpload', () => {
  it.each(['png', 'jpeg', 'gif', 'webp', 'avif', 'pdf', 'docx', 'xlsx', 'pptx'] as const)('accepts a %s by default', (sample) => {
    const checked = checkUpload({ bytes: samples[sample], originalName: `file.${sample}` });
    expect(checked.extension).toBe(sample);
    expect(checked.storedExtension).toBe(sample);
  });

  it('SEN-HRD-02 takes the type from the bytes, not from the name or the declared type', () => {
    expect(checkUpload({ bytes: samples.png, originalName: 'invoice.pdf', declaredType: 'application/pdf' })).toEqual({
      mime: 'image/png',
      extension: 'png',
      storedExtension: 'png',
    });
  });

  it.each([
    ['elf', 'photo.png', 'image/png'],
    ['pe', 'photo.png', 'image/png'],
    ['svg', 'logo.png', 'image/png'],
    ['zip', 'report.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['docm', 'report.docx', undefined],
    ['jar', 'sheet.xlsx', undefined],
  ] as const)('refuses a %s named %s as type_not_allowed', (sample, originalName, declaredType) => {
    expect(rejection({ bytes: samples[sample], originalName, declaredType })).toBe('type_not_allowed');
  });

  it('refuses a type outside a narrower allow-list', () => {
    expect(rejection({ bytes: samples.pdf, originalName: 'a.pdf', allowList: IMAGE_MIME_TYPES })).toBe('type_not_allowed');
  });

  it('refuses empty and oversized files before looking at them', () => {
    expect(rejection({ bytes: new Uint8Array(0), originalName: 'a.png' })).toBe('empty');
    expect(rejection({ bytes: samples.png, originalName: 'a.png', maxBytes: 10 })).toBe('too_large');
    expect(rejection({ bytes: samples.png, originalName: 'a.png', maxBytes: samples.png.length })).toBe('accepted');
  });

  describe('plain text (no signature)', () => {
    it('accepts valid UTF-8 that the name or declared type calls text', () => {
      expect(checkUpload({ bytes: samples.text, originalName: 'notes.txt' })).toEqual({
        mime: 'text/plain',
        extension: 'txt',
        storedExtension: 'txt',
      });
      expect(checkUpload({ bytes: samples.text, originalName: 'export.csv' }).storedExtension).toBe('csv');
      expect(checkUpload({ bytes: samples.text, originalName: 'blob', declaredType: 'text/plain; charset=utf-8' }).storedExtension).toBe('txt');
    });

    it('accepts text whose first bytes happen to match a short signature', () => {
      expect(checkUpload({ bytes: samples.textLookingLikeBmp, originalName: 'fleet.txt' }).mime).toBe('text/plain');
    });

    it('refuses text that does not claim to be text, and text-claims that are not text', () => {
      expect(rejection({ bytes: samples.text, originalName: 'notes.html', declaredType: 'text/html' })).toBe('type_unknown');
      expect(rejection({ bytes: samples.utf16, originalName: 'notes.txt' })).toBe('type_unknown');
      expect(rejection({ bytes: samples.invalidUtf8, originalName: 'notes.txt' })).toBe('type_unknown');
      expect(rejection({ bytes: samples.elf, originalName: 'notes.txt' })).toBe('type_not_allowed');
      expect(rejection({ bytes: samples.text, originalName: 'notes.txt', allowList: IMAGE_MIME_TYPES })).toBe('type_unknown');
    });
  });

  it('maps each rejection to an HTTP status and a body that never names the file', () => {
    const statuses = (['too_large', 'type_not_allowed', 'type_unknown', 'empty'] as const).map((code) => new UploadRejectedError(code).getStatus());
    expect(statuses).toEqual([413, 415, 415, 422]);
    expect(new UploadRejectedError('type_unknown').getResponse()).toEqual({
      error: 'upload_rejected',
      code: 'type_unknown',
      message: 'The file content is of an unrecognised type.',
    });
  });
});
