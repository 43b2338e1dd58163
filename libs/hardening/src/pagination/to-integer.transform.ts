import { Transform } from 'class-transformer';

const INTEGER = /^-?\d{1,15}$/;

/**
 * Query strings arrive as text. Only a plain decimal integer is converted; `abc`, `1.5`, `1e2`,
 * `0x10`, blanks and repeated parameters (arrays) stay as they are and fail `@IsInt()`.
 */
export function ToInteger(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' && INTEGER.test(value) ? Number(value) : value));
}
