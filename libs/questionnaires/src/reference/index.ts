import { FULL_ASSESSMENT } from './full-assessment';
import { ICT_QUICK_SCAN } from './ict-quick-scan';

export { FULL_ASSESSMENT } from './full-assessment';
export { ICT_QUICK_SCAN } from './ict-quick-scan';

/** The platform's reference questionnaire templates, by stable key. */
export const REFERENCE_TEMPLATES = [
  { key: 'ict-quick-scan', definition: ICT_QUICK_SCAN },
  { key: 'ict-full-assessment', definition: FULL_ASSESSMENT },
] as const;
