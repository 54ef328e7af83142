import { lazy } from 'react';
import type { FeatureRoutes } from '../../routing';

const ContractsPage = lazy(() => import('./contracts-page'));
const NewContractPage = lazy(() => import('./new-contract-page'));
const ContractPage = lazy(() => import('./contract-page'));

export const routes: FeatureRoutes = {
  app: [
    { path: '/contracts', element: <ContractsPage /> },
    { path: '/contracts/new', element: <NewContractPage /> },
    { path: '/contracts/:id', element: <ContractPage /> },
  ],
};
