export * from './contracts.module';
export * from './contracts.service';
export * from './contract.types';
export * from './contract-sql';
export * from './clause.service';
export * from './clause';
