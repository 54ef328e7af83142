export * from './template-definition';
export * from './definition-rules';
export * from './template-validation';
export * from './answer-validation';
export * from './conditions';
export * from './scoring';
export * from './completeness';
