import { lazy } from 'react';
import type { FeatureRoutes } from '../../routing';

const SmeltersPage = lazy(() => import('./smelters-page'));

export const routes: FeatureRoutes = { app: [{ path: '/smelters', element: <SmeltersPage /> }] };
