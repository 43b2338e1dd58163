import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '@sentinel/config';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parse } from 'yaml';

/**
 * Reading docker-compose.yml the way `docker compose` does, for the drift tests that keep it in
 * step with the config classes, the Dockerfile and the ports. Anchors, aliases and `<<` merge
 * keys are resolved; `${VAR:-default}` / `${VAR-default}` interpolate to their default (the tests
 * see what a machine without those variables gets); any other `${...}` is refused, since no test
 * could know its value.
 */

/** docker-compose.yml at the workspace root. */
export const COMPOSE_FILE = resolve(__dirname, '../../..', 'docker-compose.yml');

export interface ComposeBuild {
  context?: string;
  dockerfile?: string;
  target?: string;
  args?: Record<string, string | number | boolean | null> | string[];
}

export interface ComposeService {
  image?: string;
  build?: string | ComposeBuild;
  command?: string | string[] | null;
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: Array<string | number | { target: number | string; published?: number | string; host_ip?: string }>;
  depends_on?: string[] | Record<string, { condition: string; required?: boolean }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  read_only?: boolean;
  tmpfs?: string | string[];
  [key: string]: unknown;
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ComposePort {
  hostIp?: string;
  /** Published (host) port; undefined when Docker picks one. */
  published?: number;
  /** Port inside the container. */
  target: number;
}

export function readComposeFile(file: string = COMPOSE_FILE): ComposeFile {
  const parsed = parse(readFileSync(file, 'utf8'), { merge: true }) as ComposeFile | null;
  if (!parsed || typeof parsed !== 'object' || !parsed.services || typeof parsed.services !== 'object') {
    throw new Error(`${file} has no services`);
  }
  return parsed;
}

export function composeService(compose: ComposeFile, name: string): ComposeService {
  const service = compose.services[name];
  if (!service) throw new Error(`docker-compose.yml has no service "${name}"`);
  return service;
}

/** The service's environment as the container sees it (map or list form, values as strings). */
export function composeEnvironment(service: ComposeService): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(keyValues(service.environment))) {
    if (value !== undefined) environment[key] = interpolate(value, key);
  }
  return environment;
}

/** Build arguments (map or list form, values as strings). */
export function composeBuildArgs(service: ComposeService): Record<string, string> {
  const args: Record<string, string> = {};
  const build = typeof service.build === 'object' ? service.build : undefined;
  for (const [key, value] of Object.entries(keyValues(build?.args))) {
    if (value !== undefined) args[key] = interpolate(value, key);
  }
  return args;
}

/** Published ports, short (`[ip:][host:]container[/proto]`) or long syntax. */
export function composePorts(service: ComposeService): ComposePort[] {
  return (service.ports ?? []).map((entry) => {
    if (typeof entry === 'object') {
      return {
        hostIp: entry.host_ip,
        published: entry.published === undefined ? undefined : toPort(entry.published),
        target: toPort(entry.target),
      };
    }
    const parts = String(entry).replace(/\/(tcp|udp)$/, '').split(':');
    const target = toPort(parts.pop() ?? '');
    const hostPort = parts.pop();
    return {
      hostIp: parts.length > 0 ? parts.join(':') : undefined,
      published: hostPort === undefined ? undefined : toPort(hostPort),
      target,
    };
  });
}

/** `depends_on` as `{ service: condition }` (the list form means `service_started`). */
export function composeDependencies(service: ComposeService): Record<string, string> {
  const dependsOn = service.depends_on ?? {};
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(dependsOn).map(([name, spec]) => [name, spec.condition]));
}

function keyValues(source: Record<string, unknown> | string[] | undefined): Record<string, string | undefined> {
  if (!source) return {};
  if (Array.isArray(source)) {
    const entries: Record<string, string | undefined> = {};
    for (const item of source) {
      const separator = item.indexOf('=');
      // `- NAME` without a value passes the host's value through: unknown here.
      if (separator === -1) entries[item] = undefined;
      else entries[item.slice(0, separator)] = item.slice(separator + 1);
    }
    return entries;
  }
  return Object.fromEntries(
    Object.entries(source).map(([key, value]) => [key, value === null || value === undefined ? undefined : String(value)]),
  );
}

function interpolate(value: string, key: string): string {
  return value.replace(/\$\$|\$\{([^}]*)\}/g, (match, expression: string | undefined) => {
    if (match === '$$') return '$';
    const withDefault = /^[A-Za-z_][A-Za-z0-9_]*:?-(.*)$/s.exec(expression ?? '');
    if (withDefault) return withDefault[1] ?? '';
    throw new Error(`${key}: the compose value uses \${${expression}} without a default; a test cannot know it`);
  });
}

function toPort(value: number | string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`not a port: ${String(value)}`);
  return port;
}

/**
 * The variables a config class cannot do without: those that fail validation when the
 * environment is empty (no default, no @IsOptional).
 */
export function requiredVariables<T extends object>(schema: ClassConstructor<T>): string[] {
  const empty = plainToInstance(schema, {}, { exposeDefaultValues: true });
  return validateSync(empty, { forbidUnknownValues: true })
    .map((error) => error.property)
    .sort();
}

/**
 * The drift test of one service's compose entry against its config class: the service exists,
 * sets every required variable, passes `loadConfig` exactly as at boot, and publishes the port it
 * listens on (`PORT`, or the class's own port variable).
 */
export function describeComposeConfig<T extends object>(
  serviceName: string,
  schema: ClassConstructor<T>,
  { portVariable = 'PORT' }: { portVariable?: string } = {},
): void {
  describe(`docker-compose.yml service "${serviceName}" against ${schema.name}`, () => {
    const compose = readComposeFile();

    it('exists', () => {
      expect(Object.keys(compose.services)).toContain(serviceName);
    });

    it(`sets every variable ${schema.name} requires`, () => {
      const environment = composeEnvironment(composeService(compose, serviceName));
      const missing = requiredVariables(schema).filter((name) => !environment[name]);
      expect(missing).toEqual([]);
    });

    it(`passes ${schema.name}'s validation, as the service does at boot`, () => {
      const environment = composeEnvironment(composeService(compose, serviceName));
      expect(() => loadConfig(schema, environment)).not.toThrow();
    });

    it(`publishes the port the service listens on (${portVariable})`, () => {
      const service = composeService(compose, serviceName);
      const config = loadConfig(schema, composeEnvironment(service)) as Record<string, unknown>;
      expect(composePorts(service).map((port) => port.target)).toEqual([config[portVariable]]);
    });
  });
}
