export * from './questionnaires.module';
export * from './templates.service';
export * from './template.types';
export * from './template-sql';
export * from './reference-templates.seeder';
export * from './definition';
export * from './reference';
