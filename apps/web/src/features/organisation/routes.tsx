import { lazy } from 'react';
import type { FeatureRoutes } from '../../routing';

const OrganisationPage = lazy(() => import('./organisation-page'));
const OrganisationsPage = lazy(() => import('./organisations-page'));
const PlatformOrganisationPage = lazy(() => import('./platform-organisation-page'));

export const routes: FeatureRoutes = {
  app: [
    { path: '/organisation', element: <OrganisationPage /> },
    // The platform admin's register (the API answers others with their own organisation only).
    { path: '/organisations', element: <OrganisationsPage /> },
    { path: '/organisations/:id', element: <PlatformOrganisationPage /> },
  ],
};
