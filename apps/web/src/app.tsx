import { MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
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

/** Darker shades than Mantine's defaults where text sits on them (WCAG AA contrast). */
const theme = createTheme({ primaryColor: 'blue', primaryShade: 8, fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' });

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
