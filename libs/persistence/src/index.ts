export * from './data-source.options';
export * from './entities';
export * from './migrations';
export * from './persistence.module';
export * from './run-migrations';
