import { Inject, Injectable } from '@nestjs/common';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { classifyAddress } from './target-address.classifier';
import { WEBHOOK_SETTINGS, type WebhookSettings } from './webhook.settings';
import { TargetNotAllowedError, TargetUnresolvableError, TargetUrlInvalidError } from './webhook.error';

/** Longest accepted target URL. */
export const MAX_TARGET_URL_LENGTH = 2_048;

export interface VettedAddress {
  address: string;
  family: 4 | 6;
}

/** A target whose every address passed the SSRF guard; requests connect only to these. */
export interface VettedTarget {
  url: URL;
  addresses: VettedAddress[];
}

/**
 * The SSRF guard of webhook targets, run when a subscription is saved and again before every
 * delivery (DNS may have changed since). Every address the host resolves to must be public unless
 * WEBHOOK_ALLOW_PRIVATE_TARGETS is set: one private answer is enough to refuse, since the
 * connection could pick it.
 */
@Injectable()
export class WebhookTargetPolicy {
  constructor(@Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings) {}

  /** Syntax only: https (or http when allowed), a host, no credentials or fragment, bounded length. */
  parse(raw: string): URL {
    if (raw.length > MAX_TARGET_URL_LENGTH) throw new TargetUrlInvalidError(`longer than ${MAX_TARGET_URL_LENGTH} characters`);
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new TargetUrlInvalidError('not an absolute URL');
    }
    const schemes = this.settings.allowHttp ? ['https:', 'http:'] : ['https:'];
    if (!schemes.includes(url.protocol)) throw new TargetUrlInvalidError(`the scheme must be ${schemes.map((scheme) => scheme.slice(0, -1)).join(' or ')}`);
    if (url.username !== '' || url.password !== '') throw new TargetUrlInvalidError('credentials in the URL are not allowed');
    if (url.hash !== '') throw new TargetUrlInvalidError('a fragment is not allowed');
    if (hostOf(url) === '') throw new TargetUrlInvalidError('no host');
    return url;
  }

  /** Resolves the host (all addresses) and vets each one. */
  async vet(url: URL): Promise<VettedTarget> {
    const host = hostOf(url);
    const literal = isIP(host);
    const addresses: VettedAddress[] = literal !== 0 ? [{ address: host, family: literal as 4 | 6 }] : await resolveAll(host);
    if (!this.settings.allowPrivateTargets) {
      for (const { address } of addresses) {
        const category = classifyAddress(address);
        if (category !== 'public') throw new TargetNotAllowedError(category);
      }
    }
    return { url, addresses };
  }
}

/** The hostname without IPv6 brackets. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

async function resolveAll(host: string): Promise<VettedAddress[]> {
  try {
    const answers = await lookup(host, { all: true, verbatim: true });
    if (answers.length === 0) throw new TargetUnresolvableError();
    return answers.map((answer) => ({ address: answer.address, family: answer.family === 6 ? 6 : 4 }));
  } catch (error) {
    if (error instanceof TargetUnresolvableError) throw error;
    throw new TargetUnresolvableError();
  }
}
