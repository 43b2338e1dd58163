import { Injectable } from '@nestjs/common';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { VettedAddress, VettedTarget } from './webhook-target.policy';

/** What one HTTP attempt came to; a token for metrics and the delivery log. */
export type SendOutcome = 'delivered' | 'http_error' | 'redirect_refused' | 'timeout' | 'network_error';

export interface SendResult {
  outcome: SendOutcome;
  /** Null when no response arrived. */
  statusCode: number | null;
}

export interface WebhookHttpRequest {
  target: VettedTarget;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/**
 * POSTs one webhook. The connection goes only to the addresses the SSRF guard vetted (the socket's
 * DNS lookup is pinned to them, so a second resolution cannot swap in another address), the whole
 * exchange has one deadline, a redirect is a failure and never followed, and the response body is
 * not read.
 */
@Injectable()
export class WebhookHttpSender {
  send({ target, headers, body, timeoutMs }: WebhookHttpRequest): Promise<SendResult> {
    const signal = AbortSignal.timeout(timeoutMs);
    const options: RequestOptions = {
      method: 'POST',
      headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      lookup: pinnedLookup(target.addresses),
      agent: false,
      signal,
    };
    const request = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<SendResult>((resolve) => {
      const outgoing = request(target.url, options, (response: IncomingMessage) => {
        resolve(resultOf(response.statusCode ?? 0));
        response.destroy();
      });
      outgoing.on('error', () => resolve({ outcome: signal.aborted ? 'timeout' : 'network_error', statusCode: null }));
      outgoing.end(body);
    });
  }
}

function resultOf(statusCode: number): SendResult {
  if (statusCode >= 200 && statusCode < 300) return { outcome: 'delivered', statusCode };
  if (statusCode >= 300 && statusCode < 400) return { outcome: 'redirect_refused', statusCode };
  return { outcome: 'http_error', statusCode };
}

/** A socket lookup that answers with the vetted addresses only. */
function pinnedLookup(addresses: VettedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) {
      (callback as unknown as (error: null, answers: VettedAddress[]) => void)(null, addresses);
      return;
    }
    const [first] = addresses;
    if (!first) callback(Object.assign(new Error('no vetted address'), { code: 'ENOTFOUND' }), '', 4);
    else callback(null, first.address, first.family);
  };
}
