export * from './admin-sql';
export * from './broker-cleanup';
export * from './closed-port';
export * from './tcp-fault-proxy';
export * from './test-database';
export * from './test-infrastructure';
export * from './test-redis';
export * from './wait-for';
