import { lazy } from 'react';
import type { FeatureRoutes } from '../../routing';

const AssessmentsPage = lazy(() => import('./assessments-page'));
const AssessmentPage = lazy(() => import('./assessment-page'));

export const routes: FeatureRoutes = {
  app: [
    { path: 'assessments', element: <AssessmentsPage /> },
    { path: 'assessments/:id', element: <AssessmentPage /> },
  ],
};
