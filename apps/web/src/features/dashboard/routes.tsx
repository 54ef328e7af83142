import { lazy } from 'react';
import type { FeatureRoutes } from '../../routing';

const SupplierPage = lazy(() => import('./supplier-page'));

/** The dashboard itself is the home page of buyers and auditors (features/home); a supplier's drill-down is here. */
export const routes: FeatureRoutes = { app: [{ path: '/suppliers/:id', element: <SupplierPage /> }] };
