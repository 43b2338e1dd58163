import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
}

/** What the receiver answers: a status, optionally with a Location (for redirects), optionally late. */
export interface ReceiverReply {
  status: number;
  location?: string;
  delayMs?: number;
}

/**
 * A customer's webhook endpoint on 127.0.0.1: records every request (raw body kept) and answers
 * from a script of replies, then with `fallback`.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly script: ReceiverReply[] = [];
  private fallback: ReceiverReply = { status: 200 };
  private server?: Server;

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    receiver.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        receiver.received.push({ path: request.url ?? '/', headers: request.headers, rawBody: Buffer.concat(chunks) });
        const reply = receiver.script.shift() ?? receiver.fallback;
        const answer = () => {
          if (response.destroyed) return;
          response.writeHead(reply.status, reply.location ? { Location: reply.location } : {});
          response.end();
        };
        if (reply.delayMs) setTimeout(answer, reply.delayMs).unref();
        else answer();
      });
    });
    await new Promise<void>((done) => receiver.server?.listen(0, '127.0.0.1', () => done()));
    return receiver;
  }

  url(path = '/hooks'): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}${path}`;
  }

  /** Answers the next requests with these replies, in order. */
  replyWith(...replies: ReceiverReply[]): void {
    this.script.push(...replies);
  }

  /** Answers every request after the script with `reply`. */
  always(reply: ReceiverReply): void {
    this.fallback = reply;
  }

  requestsTo(path: string): ReceivedWebhook[] {
    return this.received.filter((request) => request.path === path);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
}

export type VerifyWebhook = (rawBody: Buffer | string, header: string, secret: string, nowSeconds?: number) => boolean;

/**
 * The receiver's verification function, taken verbatim from the recipe in docs/webhooks.md (the
 * `js` block after the verification-recipe marker) and run in its own context: what the tests
 * check is exactly what customers copy.
 */
export function verifierFromDocs(): VerifyWebhook {
  const docs = readFileSync(resolve(__dirname, '../../../../docs/webhooks.md'), 'utf8');
  const recipe = /<!-- verification-recipe[^>]*-->\s*```js\n([\s\S]*?)```/.exec(docs)?.[1];
  if (!recipe) throw new Error('docs/webhooks.md has no verification recipe block');
  return runInNewContext(`${recipe}\nverifyWebhook;`, { require, Buffer }) as VerifyWebhook;
}
