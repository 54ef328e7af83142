export * from './remediation.module';
export * from './action-plans.service';
export * from './action-plan.types';
export * from './action-plan-sql';
export * from './action-plan-mail';
export * from './action-rules';
