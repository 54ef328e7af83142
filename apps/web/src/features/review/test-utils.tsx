import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { Me } from '../../api/client';
import '../../i18n/i18n';

/** Renders `element` at `url` (matched by `path`) with Mantine, a fresh query client and a router. */
export function renderAt(element: ReactNode, path: string, url: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[url]}>
          <Routes>
            <Route path={path} element={element} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

/** What openapi-fetch answers, as `unwrap` reads it. */
export function ok<T>(data: T) {
  return { data, response: { ok: true, status: 200 } as Response };
}
export function fail(status: number, detail = 'refused') {
  return { error: { status, detail }, response: { ok: false, status } as Response };
}

export const buyer: Me = {
  id: 'u1',
  name: 'An Buyer',
  email: 'an@gent.example',
  role: 'member',
  organisation: { id: 'o1', name: 'Stad Gent', kind: 'contracting_authority', preferredLanguage: 'en' },
};
export const supplierUser: Me = { ...buyer, id: 'u2', name: 'Sam Supplier', organisation: { id: 'o2', name: 'Laptop Solutions NV', kind: 'supplier', preferredLanguage: 'en' } };
