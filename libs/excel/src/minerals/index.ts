export * from './minerals.service';
export * from './minerals-rules';
export * from './rmi-parser';
