import { MantineProvider } from '@mantine/core';
import axe from 'axe-core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n/i18n';
import DashboardPage from './dashboard-page';
import SupplierPage from './supplier-page';
import type { Dashboard, ExecutionSummary } from './dashboard-types';

const get = vi.fn();
vi.mock('../../api/client', () => ({ api: { GET: (...args: unknown[]) => get(...args) } }));

const summary: ExecutionSummary = {
  assessments: { total: 12, byStatus: { accepted: 9, in_progress: 2, issued: 1 }, byColour: { green: 7, amber: 2, red: 1, grey: 2 }, matrix: [] },
  openFindings: { high: 1, medium: 3, low: 0 },
  overdue: { assessments: 0, reports: 1, actionPlans: 0, actions: 2 },
  dueWithin30Days: { assessments: 1, reports: 2, actionPlans: 1, actions: 0 },
  reports: { submittedLate: 1 },
  defaults: { proposed: 1, awaitingResponse: 1, awaitingDecision: 0 },
  moneyThisYear: [{ currency: 'EUR', penalties: 80000, lateFines: 2000, bonuses: 50000, maluses: 0 }],
  labels: { expiringWithin90Days: 1, expired: 0 },
};
const dashboard: Dashboard = {
  asOf: '2027-06-06',
  overall: summary,
  contracts: [{ ...summary, contractId: 'c-1', reference: 'GENT-ICT-2027-001', title: 'Laptops', supplier: { id: 's-1', name: 'Laptop Solutions NV' } }],
  nextCursor: null,
  trend: [
    { month: '2027-04', green: 2, amber: 0, red: 1, grey: 0 },
    { month: '2027-05', green: 4, amber: 1, red: 0, grey: 0 },
  ],
};

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <DashboardPage />
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}


async function expectNoAxeViolations(container: HTMLElement) {
  const result = await axe.run(container, { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('DashboardPage', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
    get.mockReset();
    get.mockResolvedValue({ data: dashboard, response: new Response(null, { status: 200 }) });
  });

  it('shows the figures as text, not only in charts', async () => {
    const { container } = renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeInTheDocument();
    expect(await screen.findByText('12 assessments in total')).toBeInTheDocument();

    const rag = screen.getByRole('table', { name: '12 assessments in total' });
    const green = within(rag).getByRole('row', { name: /Green/ });
    expect(within(green).getByText('7')).toBeInTheDocument();
    expect(within(green).getByText('58%')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /Green: 7, Amber: 2, Red: 1, Not rated: 2/ })).toBeInTheDocument();

    const overdueReports = screen.getAllByRole('row', { name: /^Reports/ })[0];
    expect(within(overdueReports).getAllByRole('cell').map((c) => c.textContent)).toEqual(['1', '2']);

    // Each part is a region named by its heading; each figure a group named by its label.
    const findings = screen.getByRole('region', { name: 'Open findings by severity' });
    expect(within(findings).getByRole('group', { name: 'High' })).toHaveTextContent(/^High1$/);
    expect(within(findings).getByRole('group', { name: 'Medium' })).toHaveTextContent(/^Medium3$/);
    expect(within(screen.getByRole('region', { name: 'Deadlines' })).getAllByRole('row')).toHaveLength(5);

    expect(screen.getByText('€800.00')).toBeInTheDocument();
    expect(screen.getByText('€500.00')).toBeInTheDocument();
    expect(screen.getByText('Labels expiring within 90 days')).toBeInTheDocument();

    const trend = screen.getByRole('table', { name: 'Submitted assessments per month, by colour' });
    const may = within(trend).getByRole('row', { name: /May 2027/ });
    expect(within(may).getAllByRole('cell').map((c) => c.textContent)).toEqual(['4', '1', '0', '0', '5']);

    expect(screen.getByRole('link', { name: 'GENT-ICT-2027-001' })).toHaveAttribute('href', '/contracts/c-1');
    expect(screen.getByRole('link', { name: 'Laptop Solutions NV' })).toHaveAttribute('href', '/suppliers/s-1');
    await expectNoAxeViolations(container);
    expect(get).toHaveBeenCalledWith('/api/v1/dashboard', { params: { query: { limit: 25, after: undefined } } });
  }, 30_000);
});

describe('SupplierPage', () => {
  function renderSupplier(id: string) {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    return render(
      <MantineProvider>
        <QueryClientProvider client={client}>
          <MemoryRouter initialEntries={[`/suppliers/${id}`]}>
            <Routes>
              <Route path="/suppliers/:id" element={<SupplierPage />} />
            </Routes>
          </MemoryRouter>
        </QueryClientProvider>
      </MantineProvider>,
    );
  }
  beforeEach(async () => {
    await i18n.changeLanguage('en');
    get.mockReset();
  });

  it('shows the figures of the contracts with that supplier, under its name', async () => {
    get.mockResolvedValue({ data: dashboard, response: new Response(null, { status: 200 }) });
    renderSupplier('s-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Laptop Solutions NV' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'GENT-ICT-2027-001' })).toHaveAttribute('href', '/contracts/c-1');
    expect(get).toHaveBeenCalledWith('/api/v1/dashboard', { params: { query: { limit: 25, after: undefined, supplierId: 's-1' } } });
  });

  it('is not found when none of your contracts is with that supplier (as for a missing one)', async () => {
    get.mockResolvedValue({ data: { ...dashboard, contracts: [], overall: { ...summary, assessments: { ...summary.assessments, total: 0 } } }, response: new Response(null, { status: 200 }) });
    renderSupplier('s-x');
    expect(await screen.findByRole('heading', { level: 1, name: '404' })).toBeInTheDocument();
  });
});
