import { resolve } from 'node:path';
import { register } from 'tsconfig-paths';
import { compilerOptions } from '../../../tsconfig.base.json';

// Jest's global setup and teardown run outside the test sandbox, where moduleNameMapper does not
// apply; this maps the `@sentinel/*` aliases for them.
register({ baseUrl: resolve(__dirname, '../../..'), paths: compilerOptions.paths });
