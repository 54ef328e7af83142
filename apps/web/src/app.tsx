import { MantineProvider, Notification, createTheme, defaultVariantColorsResolver, parseThemeColor, type VariantColorsResolver } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router';
import { isApiError } from './api/problem';
import { RequireSession, SessionProvider } from './auth/auth';
import { NotFound } from './components/not-found';
import { Loading } from './components/states';
import { AppLayout } from './layout/app-layout';
import type { FeatureRoutes } from './routing';

const features = Object.values(import.meta.glob<{ routes: FeatureRoutes }>('./features/*/routes.tsx', { eager: true })).map((m) => m.routes);

export function appRoutes(): RouteObject[] {
  return [
    ...features.flatMap((f) => f.public ?? []).map((r) => ({ ...r, element: <Suspense fallback={<Loading />}>{r.element}</Suspense> })),
    {
      element: (
        <RequireSession>
          <AppLayout />
        </RequireSession>
      ),
      children: [...features.flatMap((f) => f.app ?? []), { path: '*', element: <NotFound /> }],
    },
  ];
}

/**
 * Mantine writes the text of light, subtle and transparent variants in shade 6 at most, whatever shade is
 * asked (`color="blue.9"`): about 3:1 on their pale background. Shade 9 passes WCAG AA (4.5:1).
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant !== 'light' && input.variant !== 'subtle' && input.variant !== 'transparent') return colors;
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  return parsed.isThemeColor ? { ...colors, color: `var(--mantine-color-${parsed.color}-9)` } : colors;
};

/**
 * Darker shades than Mantine's defaults where text sits on them (WCAG AA contrast); the close button of
 * notifications named in the user's language (Mantine's is an icon without a name).
 */
const themeFor = (closeLabel: string) =>
  createTheme({
    primaryColor: 'blue',
    primaryShade: 8,
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    variantColorResolver,
    // Users who ask their system for less motion get no transitions (notifications, menus, tabs).
    respectReducedMotion: true,
    // Mantine's green 8 and 9 give only 3.3:1 and 4.4:1 with white (a "Publish" or "Accept" button): darker, as the RAG badge's green.
    // Orange 8 and 9 likewise (3.6:1 and 4.1:1): "Request clarification", amber text.
    colors: {
      green: ['#ebfbee', '#d3f9d8', '#b2f2bb', '#8ce99a', '#69db7c', '#51cf66', '#40c057', '#2b8a3e', '#1e7b3a', '#19692f'],
      orange: ['#fff4e6', '#ffe8cc', '#ffd8a8', '#ffc078', '#ffa94d', '#ff922b', '#fd7e14', '#f76707', '#c2410c', '#b03a0c'],
    },
    components: { Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } }) },
  });

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Retrying a 4xx changes nothing: only network failures and 5xx are retried.
        retry: (count, error) => count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
    },
  });
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createBrowserRouter(appRoutes()));
  const { t } = useTranslation();
  const closeLabel = t('action.close');
  const theme = useMemo(() => themeFor(closeLabel), [closeLabel]);
  return (
    <MantineProvider theme={theme}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
