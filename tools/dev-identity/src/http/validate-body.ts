import 'reflect-metadata';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { DevIdentityError, DevIdentityErrorCode } from '../dev-identity.error';

/** Turns a parsed body into a validated DTO; unknown properties are rejected, not ignored. */
export function validateBody<T extends object>(dto: ClassConstructor<T>, body: unknown): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DevIdentityError(DevIdentityErrorCode.ValidationFailed, ['body must be a JSON object']);
  }
  const instance = plainToInstance(dto, body);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) throw new DevIdentityError(DevIdentityErrorCode.ValidationFailed, errors.flatMap((error) => describe(error)));
  return instance;
}

function describe(error: ValidationError, parent = ''): string[] {
  const path = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
  return [...own, ...(error.children ?? []).flatMap((child) => describe(child, path))];
}
