export * from './clause.types';
export * from './decimal';
export * from './money';
export * from './deadlines';
export * from './report-schedule';
export * from './penalty-calculator';
export * from './bonus-malus';
