export * from './penalties.module';
export * from './decision';
export * from './default.types';
export * from './default-mail';
export * from './defaults.service';
export * from './ledger.service';
export * from './settlements.service';
