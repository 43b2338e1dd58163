export * from './names/permission-name.error';
export * from './names/permission-name.parser';
export * from './names/permission-name.rules';
export * from './scopes/naive-scope.matcher';
export * from './scopes/scope-matcher.compiler';
