import { MantineProvider } from '@mantine/core';
import axe from 'axe-core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, waitFor, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n/i18n';
import type { Contract } from './contract-api';
import ContractPage from './contract-page';
import NewContractPage from './new-contract-page';

const get = vi.fn();
const post = vi.fn();
const authFetch = vi.fn();
let kind = 'supplier';
vi.mock('../../api/client', () => ({ api: { GET: (...a: unknown[]) => get(...a), POST: (...a: unknown[]) => post(...a), DELETE: vi.fn() } }));
vi.mock('../../api/session', () => ({ authFetch: (r: Request) => authFetch(r) }));
vi.mock('../../auth/auth', () => ({ useCurrentUser: () => ({ id: 'u', name: 'U', role: 'admin', organisation: { id: 'o', name: 'Org', kind, preferredLanguage: 'nl' } }) }));

const ok = <T,>(data: T, status = 200) => ({ data, response: new Response(null, { status }) });
const contract: Contract = {
  id: 'c-1',
  reference: 'GENT-ICT-2027-001',
  title: 'Laptops',
  authority: { id: 'a', name: 'Stad Gent' },
  supplier: { id: 's', name: 'Laptop Solutions NV' },
  isFramework: false,
  lots: [],
  startDate: '2027-01-01',
  endDate: '2030-12-31',
  valueCents: 125000000,
  currency: 'EUR',
  timeZone: 'Europe/Brussels',
  status: 'active',
  version: 1,
  role: 'supplier',
  createdAt: '2026-11-29T08:00:00.000Z',
  updatedAt: '2026-11-29T08:00:00.000Z',
  participants: [],
  auditors: [],
  sites: [],
  labels: [],
};

function renderAt(path: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/contracts/new" element={<NewContractPage />} />
            <Route path="/contracts/:id" element={<ContractPage />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}


async function expectNoAxeViolations(container: HTMLElement) {
  const result = await axe.run(container, { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('ContractPage', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
    get.mockReset();
    post.mockReset();
    authFetch.mockReset();
    kind = 'supplier';
  });

  it('shows the overview with the value as money and links to reports and action plans', async () => {
    get.mockResolvedValue(ok(contract));
    const { container } = renderAt('/contracts/c-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'GENT-ICT-2027-001 — Laptops' })).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /Contract value/ })).toHaveTextContent('€1,250,000.00');
    expect(screen.getByRole('link', { name: 'Reports of this contract' })).toHaveAttribute('href', '/contracts/c-1/reports');
    expect(screen.getByRole('link', { name: 'Action plans of this contract' })).toHaveAttribute('href', '/contracts/c-1/action-plans');
    await expectNoAxeViolations(container);
  }, 30_000);

  it('lists the problems of a refused minerals report by cell', async () => {
    get.mockImplementation(async (path: string) => (path === '/api/v1/contracts/{id}' ? ok(contract) : ok({ items: [], nextCursor: null })));
    authFetch.mockResolvedValue(
      new Response(
        JSON.stringify({
          status: 422,
          code: 'unprocessable',
          errors: [
            { field: 'Declaration!D8', message: 'Company name is required' },
            { field: 'Smelter List!D7', message: 'A smelter name or identification is required' },
          ],
        }),
        { status: 422, headers: { 'content-type': 'application/problem+json' } },
      ),
    );
    const { container } = renderAt('/contracts/c-1?tab=minerals');
    expect(await screen.findByText('No minerals report uploaded yet.')).toBeInTheDocument();
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(input, new File(['x'], 'cmrt.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
    await userEvent.click(screen.getByRole('button', { name: 'Upload' }));
    const alert = await screen.findByText('The file was not accepted: 2 problems to correct.');
    const table = within(alert.closest('[role="alert"]') as HTMLElement).getByRole('table');
    expect(within(table).getByRole('row', { name: /Declaration!D8/ })).toHaveTextContent('Company name is required');
    expect(within(table).getByRole('row', { name: /Smelter List!D7/ })).toBeInTheDocument();
    await expectNoAxeViolations(container);
    const sent = authFetch.mock.calls[0][0] as Request;
    expect(sent.method).toBe('POST');
    expect(sent.url).toContain('/api/v1/contracts/c-1/minerals-reports');
  }, 30_000);
});

describe('NewContractPage', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('nl');
    get.mockReset();
    post.mockReset();
    kind = 'contracting_authority';
    get.mockResolvedValue(ok({ items: [], nextCursor: null }));
  });

  it('sends the value as exact integer cents and refuses three decimals', async () => {
    post.mockResolvedValue(ok({ ...contract, supplierOnboarding: 'invited' }, 201));
    const { container } = renderAt('/contracts/new');
    const type = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });
    type(await screen.findByRole('textbox', { name: /Referentie/ }), 'GENT-ICT-2027-001');
    type(screen.getByRole('textbox', { name: /Titel/ }), 'Laptops');
    type(screen.getByRole('textbox', { name: /^Naam/ }), 'Laptop Solutions NV');
    type(screen.getByRole('textbox', { name: /E-mail van de contactpersoon/ }), 'c@laptops.example');
    const value = screen.getByRole('textbox', { name: /Waarde van de opdracht/ });
    type(value, '1.234,567');
    fireEvent.click(screen.getByRole('button', { name: 'De opdracht registreren' }));
    expect(await screen.findByText('Hoogstens twee decimalen (centen).')).toBeInTheDocument();
    expect(post).not.toHaveBeenCalled();
    await expectNoAxeViolations(container);

    type(value, '1.234,56');
    fireEvent.click(screen.getByRole('button', { name: 'De opdracht registreren' }));
    await waitFor(() => expect(post).toHaveBeenCalled());
    expect(post).toHaveBeenCalledTimes(1);
    const body = post.mock.calls[0][1].body;
    expect(body.valueCents).toBe(123456);
    expect(body.supplier).toMatchObject({ name: 'Laptop Solutions NV', country: 'BE', contactEmail: 'c@laptops.example' });
    expect(body.timeZone).toBe('Europe/Brussels');
  }, 60_000);
});
