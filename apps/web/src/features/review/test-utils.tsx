import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { Me, Schemas } from '../../api/client';
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

/** An assessment as the lists show it: Stad Gent's accepted amber questionnaire of Laptop Solutions NV; `over` changes fields. */
export function assessmentSummary(over: Partial<Schemas['AssessmentSummaryDto']> = {}): Schemas['AssessmentSummaryDto'] {
  return {
    id: 'a1',
    contract: { id: 'c1', reference: 'GENT-ICT-2027-001', title: 'Laptops 2027-2030' },
    authority: { id: 'o1', name: 'Stad Gent' },
    supplier: { id: 'o2', name: 'Laptop Solutions NV' },
    template: { id: 't1', title: 'ICT quick scan', versionNumber: 2 },
    status: 'accepted',
    dueDate: '2027-02-15',
    language: 'en',
    revision: 1,
    version: 3,
    colour: 'amber',
    score: 70,
    redFlags: 0,
    sourceAssessmentId: null,
    issuedAt: '2026-11-01T08:00:00.000Z',
    submittedAt: '2026-11-20T08:00:00.000Z',
    acceptedAt: '2026-11-22T08:00:00.000Z',
    withdrawnAt: null,
    access: 'authority',
    ...over,
  };
}
