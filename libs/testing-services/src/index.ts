export * from './pii-canary';
export * from './service-boot.suite';
export * from './test-stack';
