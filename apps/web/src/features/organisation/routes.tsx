import { lazy } from 'react';
import type { FeatureRoutes } from '../../routing';

const OrganisationPage = lazy(() => import('./organisation-page'));

export const routes: FeatureRoutes = { app: [{ path: '/organisation', element: <OrganisationPage /> }] };
