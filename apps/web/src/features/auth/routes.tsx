import { lazy } from 'react';
import type { FeatureRoutes } from '../../routing';

const LoginPage = lazy(() => import('./login-page'));
const AcceptInvitationPage = lazy(() => import('./accept-invitation-page'));
const PasswordResetPage = lazy(() => import('./password-reset-page'));

/** Pages before login. */
export const routes: FeatureRoutes = {
  public: [
    { path: '/login', element: <LoginPage /> },
    { path: '/invitations/accept', element: <AcceptInvitationPage /> },
    { path: '/password-reset', element: <PasswordResetPage /> },
  ],
};
