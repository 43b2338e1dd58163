import { Injectable, Logger } from '@nestjs/common';
import { GooglePushInvalidError } from '../../errors/google-push.errors';
import { GoogleSourcePoller } from '../google-source.poller';
import { GooglePushVerifier } from './google-push.verifier';

/** A Pub/Sub push request: `message.data` is base64 JSON `{ emailAddress, historyId }`. */
export interface GooglePushBody {
  message?: { data?: unknown; messageId?: unknown };
  subscription?: unknown;
}

/**
 * Gmail push notifications: verified, then answered at once; the named mailbox is polled in the
 * background from its stored cursor (the notification's history id is only a hint, never trusted).
 */
@Injectable()
export class GooglePushService {
  private readonly logger = new Logger(GooglePushService.name);

  constructor(
    private readonly verifier: GooglePushVerifier,
    private readonly poller: GoogleSourcePoller,
  ) {}

  async receive(authorization: string | undefined, body: GooglePushBody): Promise<void> {
    await this.verifier.verify(authorization);
    const address = mailboxOf(body);
    void this.poller.pollMailbox(address).catch(() => this.logger.warn('push-triggered poll failed'));
  }
}

function mailboxOf(body: GooglePushBody): string {
  const data = body.message?.data;
  if (typeof data !== 'string' || data.length > 4_096) throw new GooglePushInvalidError();
  try {
    const notification = JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as { emailAddress?: unknown };
    if (typeof notification.emailAddress === 'string' && notification.emailAddress.includes('@')) return notification.emailAddress;
  } catch {
    // Not JSON: falls through to the same 400 as any other malformed notification.
  }
  throw new GooglePushInvalidError();
}
