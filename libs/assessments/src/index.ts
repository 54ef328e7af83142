export * from './assessments.module';
export * from './assessments.service';
export * from './assessment.types';
export * from './assessment-sql';
export * from './evidence.service';
export * from './findings.service';
export * from './sharing.service';
