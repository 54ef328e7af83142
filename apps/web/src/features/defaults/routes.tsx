import { lazy } from 'react';
import type { FeatureRoutes } from '../../routing';

const DefaultsPage = lazy(() => import('./defaults-page'));
const DefaultPage = lazy(() => import('./default-page'));

/** `/defaults?tab=ledger` is the money ledger (penalties, late fines, bonus/malus, corrections). */
export const routes: FeatureRoutes = {
  app: [
    { path: '/defaults', element: <DefaultsPage /> },
    { path: '/defaults/:id', element: <DefaultPage /> },
  ],
};
