import { IsString } from 'class-validator';
import { BaseServiceEnv } from './base-service.env';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

class ExampleEnv extends BaseServiceEnv {
  @IsString()
  EXAMPLE_SECRET!: string;
}

const valid = {
  TENANT_ID: 'acme',
  PORT: '3000',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/sentinel',
  REDIS_URL: 'redis://127.0.0.1:6379',
  RABBITMQ_URL: 'amqp://guest:guest@127.0.0.1:5672',
  EXAMPLE_SECRET: 's3cret',
  IDENTITY_URL: 'http://127.0.0.1:4100',
  IDENTITY_ISSUER: 'http://127.0.0.1:4100',
  SYSTEM_API_TOKEN: 'a-system-token-of-at-least-32-characters',
};

describe('loadConfig', () => {
  it('maps a valid environment into a typed object with defaults', () => {
    const config = loadConfig(ExampleEnv, valid);
    expect(config.PORT).toBe(3000);
    expect(config.TENANT_ID).toBe('acme');
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.EVENTS_EXCHANGE).toBe('sentinel.events');
    expect(config.RABBITMQ_PREFETCH).toBe(50);
    expect(config.IDENTITY_AUDIENCE).toBe('sentinel');
    expect(config.IDENTITY_ALGORITHMS).toBe('ES256,RS256');
    expect(config.IDENTITY_TIMEOUT_MS).toBe(2000);
    expect(config.LEGACY_TOKEN_CUTOFF).toBe('2026-06-15T00:00:00Z');
    expect(config.IDENTITY_JWKS_URL).toBeUndefined();
  });

  it.each([
    ['TENANT_ID', undefined],
    ['TENANT_ID', ''],
    ['TENANT_ID', 'Acme.Corp'],
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['REDIS_URL', 'not a url'],
    ['RABBITMQ_URL', undefined],
    ['EXAMPLE_SECRET', undefined],
    ['LOG_LEVEL', 'loud'],
    ['IDENTITY_URL', undefined],
    ['IDENTITY_URL', 'ftp://identity'],
    ['IDENTITY_JWKS_URL', 'not a url'],
    ['IDENTITY_ISSUER', undefined],
    ['IDENTITY_ALGORITHMS', 'HS256'],
    ['IDENTITY_ALGORITHMS', 'ES256,none'],
    ['IDENTITY_TIMEOUT_MS', '10'],
    ['LEGACY_TOKEN_CUTOFF', '2026-06-15'],
    ['SYSTEM_API_TOKEN', undefined],
    ['SYSTEM_API_TOKEN', 'too-short'],
  ])('names %s when it is %p', (variable, value) => {
    const env: Record<string, string | undefined> = { ...valid, [variable]: value };
    let thrown: unknown;
    try {
      loadConfig(ExampleEnv, env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variable).toBe(variable);
    expect((thrown as ConfigError).message).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
  });

  it('never echoes the rejected value (it may be a secret)', () => {
    expect(() => loadConfig(ExampleEnv, { ...valid, DATABASE_URL: 'mysql://user:hunter2@host/db' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });
});
