// Shared Jest settings for every project. ts-jest runs with isolatedModules (type checking is
// `npm run typecheck`'s job), which keeps a run fast despite googleapis' heavy types. jose is
// ESM-only, so it is transformed too.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

module.exports = {
  testEnvironment: 'node',
  // Integration hooks boot services against real PostgreSQL, Redis and RabbitMQ; on a loaded CI
  // machine that can take longer than jest's 5 s default, and a hook that times out while its
  // service is still starting leaves that service running (CI once hung on one). Files that need
  // more still say so with jest.setTimeout. jest.config.js repeats it for the run over every project
  // (jest-circus reads testTimeout from the root config only).
  testTimeout: 30_000,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/../../' }),
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../../libs/testing-services/src/global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing-services/src/global-teardown.ts',
};
