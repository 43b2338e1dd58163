import { CanActivate, ExecutionContext, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { botTokenMatches, botTokenPrefix, botTokenSha256, isBotTokenShaped } from '@sentinel/crypto';
import { FailedAttemptLimiter } from '@sentinel/permission';
import type { Request } from 'express';
import { BotTokenRejectedError, type BotTokenRejectionReason } from '../errors/bot.errors';
import { attachBot } from './authenticated-bot';
import { BotMetrics } from './bot.metrics';
import { BotTokenRepository, type LiveBotToken } from './bot-token.repository';

const BOT_SCHEME = /^Bot +(\S+)$/i;
// Compared against when no row has the prefix, so an unknown prefix costs what a wrong secret does.
const ABSENT_DIGEST = botTokenSha256('');

/**
 * Authenticates `Authorization: Bot <token>` on a @PublicRoute (the bearer layers do not apply to
 * bots). The token is looked up by its prefix and its SHA-256 compared in constant time; a revoked
 * token is not found. Every failure (missing, malformed, wrong, revoked) counts in the permission
 * library's FailedAttemptLimiter per IP and token prefix: after 30 in 60 s, 429 with Retry-After.
 */
@Injectable()
export class BotTokenGuard implements CanActivate {
  constructor(
    private readonly tokens: BotTokenRepository,
    private readonly limiter: FailedAttemptLimiter,
    private readonly metrics: BotMetrics,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const ip = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const header = request.headers.authorization;
    const token = header === undefined ? '' : (BOT_SCHEME.exec(header)?.[1] ?? '');
    await this.limiter.assertAllowed(ip, token);
    if (header === undefined) return this.reject(ip, token, 'missing_token');
    if (!isBotTokenShaped(token)) return this.reject(ip, token, 'malformed_token');
    const bot = await this.lookUp(token);
    const matches = botTokenMatches(token, bot?.tokenSha256 ?? ABSENT_DIGEST);
    if (!bot || !matches) return this.reject(ip, token, 'invalid_token');
    attachBot(request, { id: bot.id, name: bot.name });
    void this.tokens.touch(bot.id);
    return true;
  }

  private async lookUp(token: string): Promise<LiveBotToken | undefined> {
    try {
      return await this.tokens.findLiveByPrefix(botTokenPrefix(token));
    } catch {
      // Cannot tell a good token from a bad one: refuse without counting it against the bot.
      throw new ServiceUnavailableException({ error: 'bot_auth_unavailable', message: 'Bot tokens cannot be checked; retry later.' });
    }
  }

  private async reject(ip: string, token: string, reason: BotTokenRejectionReason): Promise<never> {
    await this.limiter.recordFailure(ip, token);
    this.metrics.request('rejected', reason);
    throw new BotTokenRejectedError(reason);
  }
}
