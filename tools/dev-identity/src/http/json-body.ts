import type { IncomingMessage } from 'node:http';
import { DevIdentityError, DevIdentityErrorCode } from '../dev-identity.error';

const MAX_BODY_BYTES = 1024 * 1024;

/** Reads and parses a JSON request body; an empty body reads as `{}`. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new DevIdentityError(DevIdentityErrorCode.PayloadTooLarge);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DevIdentityError(DevIdentityErrorCode.InvalidJson);
  }
}
