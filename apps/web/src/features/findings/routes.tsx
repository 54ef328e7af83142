import { lazy } from 'react';
import type { FeatureRoutes } from '../../routing';

const FindingsPage = lazy(() => import('./findings-page'));
const FindingPage = lazy(() => import('./finding-page'));

export const routes: FeatureRoutes = {
  app: [
    { path: '/findings', element: <FindingsPage /> },
    { path: '/findings/:id', element: <FindingPage /> },
  ],
};
