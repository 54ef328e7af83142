export * from './xlsx-guard';
