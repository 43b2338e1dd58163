export * from './base-service.env';
export * from './config-error';
export * from './load-config';
export * from './validators';
