import 'reflect-metadata';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { ConfigError } from './config-error';

type Environment = Record<string, string | undefined>;

/**
 * Validates the environment against a class of class-validator decorators and returns the typed
 * instance. Empty strings count as unset, so `FOO=` in a compose file does not slip through as a value.
 * Throws a ConfigError naming the first offending variable.
 */
export function loadConfig<T extends object>(schema: ClassConstructor<T>, env: Environment = process.env): T {
  const present: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') present[key] = value;
  }
  const instance = plainToInstance(schema, present, { enableImplicitConversion: false, exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: false, forbidUnknownValues: true });
  const [firstError] = errors;
  if (firstError) throw toConfigError(firstError);
  return instance;
}

function toConfigError(error: ValidationError): ConfigError {
  const constraints = Object.values(error.constraints ?? {});
  // class-validator phrases constraints as "<property> must ..."; keep the phrase without the name.
  const reason = constraints[0]?.replace(new RegExp(`^${error.property}\\s*`), '') ?? 'is invalid';
  return new ConfigError(error.property, reason);
}

/**
 * Entry-point helper: on a configuration error print one line naming the variable and exit with a
 * non-zero code (78, EX_CONFIG), before any connection is attempted.
 */
export function loadConfigOrExit<T extends object>(schema: ClassConstructor<T>, env: Environment = process.env): T {
  try {
    return loadConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
