import { lazy } from 'react';
import type { FeatureRoutes } from '../../routing';

const TemplatesPage = lazy(() => import('./templates-page'));
const TemplateNewPage = lazy(() => import('./template-new-page'));
const TemplatePage = lazy(() => import('./template-page'));

export const routes: FeatureRoutes = {
  app: [
    { path: '/templates', element: <TemplatesPage /> },
    { path: '/templates/new', element: <TemplateNewPage /> },
    { path: '/templates/:id', element: <TemplatePage /> },
  ],
};
