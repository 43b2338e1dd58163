export * from './admin-sql';
export * from './test-database';
export * from './test-infrastructure';
export * from './test-redis';
