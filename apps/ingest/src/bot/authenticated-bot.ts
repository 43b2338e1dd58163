import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/** The bot a `POST /bot/items` request was authenticated as (set by BotTokenGuard). */
export interface AuthenticatedBot {
  id: string;
  name: string;
}

export const BOT_REQUEST_PROPERTY = 'sentinelBot';

export function attachBot(request: object, bot: AuthenticatedBot): void {
  (request as Record<string, AuthenticatedBot>)[BOT_REQUEST_PROPERTY] = bot;
}

/** Controller parameter of a route behind BotTokenGuard. */
export const CurrentBot = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => (context.switchToHttp().getRequest<Record<string, AuthenticatedBot | undefined>>())[BOT_REQUEST_PROPERTY],
);
