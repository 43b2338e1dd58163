export * from './data-source.options';
export * from './entities';
export * from './migrations';
export * from './persistence.module';
export * from './repositories';
export * from './run-migrations';
