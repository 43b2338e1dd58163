import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, type WebClient } from '@slack/web-api';
import { REDIS_CLIENT } from '@sentinel/cache';
import type Redis from 'ioredis';
import { IngestErrorCode } from '../errors/ingest.error';
import { ParticipantResolutionError } from '../errors/participant-resolution.error';
import { createSlackWebClient, type SlackWebClientSettings } from './slack-web-client.factory';

export const SLACK_DIRECTORY_SETTINGS = Symbol('SLACK_DIRECTORY_SETTINGS');

export interface SlackDirectorySettings extends SlackWebClientSettings {
  cacheSeconds: number;
}

const TOKEN_ERRORS = new Set(['invalid_auth', 'token_revoked', 'token_expired', 'account_inactive', 'not_authed', 'missing_scope']);
const TRANSIENT_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);
const LOOKUP_CONCURRENCY = 8;
const MEMBERS_PAGE_SIZE = 1_000;

/**
 * Slack user id -> email (`users.info`) and conversation members (`conversations.members`),
 * cached briefly in Redis. A cache failure only costs a Slack call; a Slack failure throws
 * ParticipantResolutionError, which the worker turns into a retry or `fail_closed`.
 */
@Injectable()
export class SlackDirectoryClient {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(SLACK_DIRECTORY_SETTINGS) private readonly settings: SlackDirectorySettings,
  ) {}

  /** Emails (or null: no email visible, unknown user) of Slack users of one workspace. */
  async emails(teamId: string, token: string, userIds: readonly string[]): Promise<Map<string, string | null>> {
    const unique = [...new Set(userIds)];
    const result = new Map<string, string | null>();
    if (unique.length === 0) return result;
    const keys = unique.map((userId) => `slack:user:${teamId}:${userId}`);
    const cached = await this.redis.mget(...keys).catch(() => keys.map(() => null));
    const misses: string[] = [];
    unique.forEach((userId, index) => {
      const hit = cached[index];
      if (hit === null || hit === undefined) misses.push(userId);
      else result.set(userId, hit === '' ? null : hit);
    });
    if (misses.length === 0) return result;

    const client = this.client(token);
    for (let start = 0; start < misses.length; start += LOOKUP_CONCURRENCY) {
      const chunk = misses.slice(start, start + LOOKUP_CONCURRENCY);
      const emails = await Promise.all(chunk.map((userId) => this.lookupEmail(client, userId)));
      const pipeline = this.redis.pipeline();
      chunk.forEach((userId, index) => {
        result.set(userId, emails[index]);
        pipeline.set(`slack:user:${teamId}:${userId}`, emails[index] ?? '', 'EX', this.settings.cacheSeconds);
      });
      await pipeline.exec().catch(() => undefined);
    }
    return result;
  }

  /** Every member of a conversation (all pages). */
  async members(teamId: string, token: string, channelId: string): Promise<string[]> {
    const key = `slack:members:${teamId}:${channelId}`;
    const cached = await this.redis.get(key).catch(() => null);
    if (cached !== null) return JSON.parse(cached) as string[];

    const client = this.client(token);
    const members: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.call(() => client.conversations.members({ channel: channelId, limit: MEMBERS_PAGE_SIZE, cursor }));
      members.push(...(page.members ?? []));
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    await this.redis.set(key, JSON.stringify(members), 'EX', this.settings.cacheSeconds).catch(() => undefined);
    return members;
  }

  private async lookupEmail(client: WebClient, userId: string): Promise<string | null> {
    try {
      const answer = await this.call(() => client.users.info({ user: userId }));
      const user = answer.user;
      if (!user || user.is_bot || user.deleted) return null;
      return user.profile?.email ?? null;
    } catch (error) {
      // An id Slack does not know cannot match a contact; that shrinks admission, so it is safe.
      if (isPlatformError(error, 'user_not_found')) return null;
      throw error;
    }
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (isPlatformError(error, 'user_not_found')) throw error;
      throw classify(error);
    }
  }

  private client(token: string): WebClient {
    return createSlackWebClient(token, this.settings);
  }
}

function isPlatformError(error: unknown, slackError: string): boolean {
  return (
    (error as { code?: unknown }).code === ErrorCode.PlatformError &&
    (error as { data?: { error?: unknown } }).data?.error === slackError
  );
}

function classify(error: unknown): ParticipantResolutionError {
  const code = (error as { code?: unknown }).code;
  if (code === ErrorCode.RateLimitedError) {
    return new ParticipantResolutionError(IngestErrorCode.SlackRateLimited, 'Slack rate limit');
  }
  if (code === ErrorCode.PlatformError) {
    const slackError = String((error as { data?: { error?: unknown } }).data?.error ?? '');
    if (TOKEN_ERRORS.has(slackError)) return new ParticipantResolutionError(IngestErrorCode.SlackTokenRejected, 'Slack token rejected');
    if (TRANSIENT_ERRORS.has(slackError)) return new ParticipantResolutionError(IngestErrorCode.SlackUnavailable, 'Slack unavailable');
    // channel_not_found, not_in_channel and the like: the bot cannot see who is in the conversation.
    return new ParticipantResolutionError(IngestErrorCode.IntegrationUnusable, 'Slack refused the lookup');
  }
  return new ParticipantResolutionError(IngestErrorCode.SlackUnavailable, 'Slack unreachable');
}
