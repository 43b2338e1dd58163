import { NotContains } from 'class-validator';

/**
 * PostgreSQL text cannot hold U+0000. An identifier carrying one would fail the SQL of the whole
 * micro-batch it travels in, so the item is refused (dead-lettered with the reason) on its own.
 */
export const NoNulCharacters = (): PropertyDecorator => NotContains('\u0000', { message: '$property must not contain NUL characters' });
