import { lazy } from 'react';
import type { FeatureRoutes } from '../../routing';

const ReportsPage = lazy(() => import('./reports-page'));
const ReportPage = lazy(() => import('./report-page'));
const ContractReportsPage = lazy(() => import('./contract-reports-page'));

export const routes: FeatureRoutes = {
  app: [
    { path: '/reports', element: <ReportsPage /> },
    { path: '/reports/:id', element: <ReportPage /> },
    { path: '/contracts/:id/reports', element: <ContractReportsPage /> },
  ],
};
