import { BOT_TOKEN_PREFIX_LENGTH, botTokenMatches, botTokenPrefix, botTokenSha256, isBotTokenShaped, issueBotToken } from './bot-token';

describe('bot tokens', () => {
  it('issues distinct, well-shaped tokens whose prefix and digest are derived from them', () => {
    const first = issueBotToken();
    const second = issueBotToken();
    expect(first.token).not.toBe(second.token);
    expect(isBotTokenShaped(first.token)).toBe(true);
    expect(first.prefix).toBe(first.token.slice(0, BOT_TOKEN_PREFIX_LENGTH));
    expect(first.prefix).toBe(botTokenPrefix(first.token));
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.sha256).toBe(botTokenSha256(first.token));
    expect(first.sha256).not.toContain(first.token.slice(BOT_TOKEN_PREFIX_LENGTH));
  });

  it('matches only the exact token against the stored digest', () => {
    const { token, sha256 } = issueBotToken();
    expect(botTokenMatches(token, sha256)).toBe(true);
    expect(botTokenMatches(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, sha256)).toBe(false);
    expect(botTokenMatches('', sha256)).toBe(false);
    expect(botTokenMatches(token, '')).toBe(false);
  });

  it.each([[''], ['sbt_'], ['sbt_short'], [`Bot ${'a'.repeat(43)}`], [`sbt_${'a'.repeat(42)}!`], [`sbt_${'a'.repeat(44)}`]])('refuses the shape %p', (candidate) => {
    expect(isBotTokenShaped(candidate)).toBe(false);
  });
});
