import { lazy } from 'react';
import type { FeatureRoutes } from '../../routing';

const HomePage = lazy(() => import('./home-page'));

export const routes: FeatureRoutes = { app: [{ index: true, element: <HomePage /> }] };
