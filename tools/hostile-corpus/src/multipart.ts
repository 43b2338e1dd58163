import { randomBytes } from 'node:crypto';

export interface MultipartFile {
  field: string;
  /** Sent verbatim in Content-Disposition (traversal and odd names included). */
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/** A multipart/form-data body written by hand, so file names and parts go out exactly as given. */
export function multipartBody(files: MultipartFile[]): { headers: Record<string, string>; body: Buffer } {
  const boundary = `----hostile${randomBytes(12).toString('hex')}`;
  const parts = files.flatMap(({ field, fileName, contentType, bytes }) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`, 'utf8'),
    bytes,
    Buffer.from('\r\n'),
  ]);
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
  };
}
