import { lazy } from 'react';
import type { FeatureRoutes } from '../../routing';

const ExportsPage = lazy(() => import('./exports-page'));

export const routes: FeatureRoutes = { app: [{ path: '/exports', element: <ExportsPage /> }] };
