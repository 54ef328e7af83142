export * from './test-app';
export * from './test-database';
export * from './factories';
export * from './free-port';
export * from './mail';
export * from './due-diligence';
export * from './http';
export * from './execution';
