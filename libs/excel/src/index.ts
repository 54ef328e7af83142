export * from './excel.module';
export * from './xlsx-guard';
