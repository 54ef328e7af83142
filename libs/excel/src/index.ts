export * from './excel.module';
export * from './xlsx-guard';
export * from './templates/template-workbook.service';
export * from './minerals';
export * from './export';
export * from './questionnaire';
