import { lazy } from 'react';
import type { FeatureRoutes } from '../../routing';

const PlansPage = lazy(() => import('./plans-page'));
const PlanPage = lazy(() => import('./plan-page'));
const NewPlanPage = lazy(() => import('./new-plan-page'));
const ContractPlansPage = lazy(() => import('./contract-plans-page'));

export const routes: FeatureRoutes = {
  app: [
    { path: '/action-plans', element: <PlansPage /> },
    { path: '/action-plans/new', element: <NewPlanPage /> },
    { path: '/action-plans/:id', element: <PlanPage /> },
    { path: '/contracts/:id/action-plans', element: <ContractPlansPage /> },
  ],
};
