import { MantineProvider } from '@mantine/core';
import axe from 'axe-core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n/i18n';
import type { Terms } from './clause-form';
import type { Contract } from './contract-api';
import { ContractClause } from './contract-clause';

const get = vi.fn();
const put = vi.fn();
vi.mock('../../api/client', () => ({ api: { GET: (...a: unknown[]) => get(...a), PUT: (...a: unknown[]) => put(...a) } }));
vi.mock('@mantine/notifications', () => ({ notifications: { show: vi.fn() } }));

const ok = <T,>(data: T, status = 200) => ({ data, response: new Response(null, { status }) });
const refused = (errors: Array<{ field: string; message: string }>) => ({ error: { status: 400, code: 'validation_failed', errors }, response: new Response(null, { status: 400 }) });

const contract = {
  id: 'c-1',
  reference: 'GENT-ICT-2027-001',
  title: 'Laptops',
  currency: 'EUR',
  role: 'authority',
} as Contract;

const terms: Terms = {
  articles: { report: 'Art. 12.3' },
  reporting: { frequency: 'quarterly', dueDays: 30, kpis: [{ code: 'AUDITED_SITES', name: 'Tier-1 sites audited', unit: 'percent', direction: 'higher', target: '90', amberThreshold: '75.5' }] },
  noticeResponseDays: 15,
  noticeRemedyDays: 30,
  planDeadlineDays: 30,
  penalties: { perDefault: { kind: 'fixed', amountCents: 50_000 }, cumulativeCap: { basisPoints: 1_000 } },
};
const version = (n: number, t: Terms) => ({ id: `v${n}`, versionNumber: n, effectiveFrom: '2027-01-01', terms: t, createdAt: '2026-11-29T08:00:00.000Z' });

function renderClause(c: Contract = contract) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <ContractClause contract={c} />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

const type = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });

describe('ContractClause editor', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('fr');
    get.mockReset();
    put.mockReset();
  });

  it('prefills the change from the clause in force, sends cents and basis points, and shows the API’s refusal beside its field', async () => {
    get.mockResolvedValue(ok({ contractId: 'c-1', inForce: version(1, terms), versions: [version(1, terms)] }));
    const { container } = renderClause();
    fireEvent.click(await screen.findByRole('button', { name: 'Modifier la clause' }));

    const kpi = screen.getByRole('group', { name: 'KPI 1' });
    expect(within(kpi).getByRole('textbox', { name: /^Code/ })).toHaveValue('AUDITED_SITES');
    expect(within(kpi).getByRole('textbox', { name: /^Seuil orange/ })).toHaveValue('75,5');
    expect(screen.getByRole('textbox', { name: /^Montant par défaut/ })).toHaveValue('500');
    expect(screen.getByRole('textbox', { name: /^Plafond de l’ensemble des pénalités \(%/ })).toHaveValue('10');
    expect(screen.getByRole('textbox', { name: /^Rapports/ })).toHaveValue('Art. 12.3');

    type(screen.getByRole('textbox', { name: /^Montant par défaut/ }), '1.234,56');
    type(screen.getByRole('textbox', { name: /^Plafond de l’ensemble des pénalités \(%/ }), '7,5');
    type(within(kpi).getByRole('textbox', { name: /^Cible/ }), '150');
    put.mockResolvedValueOnce(refused([{ field: 'terms.reporting.kpis.0.target', message: 'target must be a percentage between 0 and 100 with at most 2 decimals' }]));
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la clause' }));

    await waitFor(() => expect(within(kpi).getByRole('textbox', { name: /^Cible/ })).toHaveAccessibleDescription(/un pourcentage entre 0 et 100/));
    expect(within(kpi).getByRole('textbox', { name: /^Cible/ })).toHaveAttribute('aria-invalid', 'true');
    const sent = put.mock.calls[0][1];
    expect(sent.params.header).toEqual({ 'If-Match': '"1"' });
    expect(sent.body.terms.penalties).toEqual({ perDefault: { kind: 'fixed', amountCents: 123_456 }, cumulativeCap: { basisPoints: 750 } });
    expect(sent.body.terms.reporting.kpis[0]).toEqual({ code: 'AUDITED_SITES', name: 'Tier-1 sites audited', unit: 'percent', direction: 'higher', target: '150', amberThreshold: '75.5' });
    // Nothing typed is lost on the refusal.
    expect(screen.getByRole('textbox', { name: /^Montant par défaut/ })).toHaveValue('1.234,56');
    await expectNoAxeViolations(container);

    const saved = { ...terms, penalties: sent.body.terms.penalties };
    const after = { contractId: 'c-1', inForce: version(1, terms), versions: [version(1, terms), version(2, saved)] };
    put.mockResolvedValueOnce(ok(after));
    get.mockResolvedValue(ok(after));
    type(within(kpi).getByRole('textbox', { name: /^Cible/ }), '95');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la clause' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Enregistrer la clause' })).not.toBeInTheDocument());
    expect(put.mock.calls[1][1].body.terms.reporting.kpis[0].target).toBe('95');
    expect(screen.getByRole('row', { name: /^2/ })).toBeInTheDocument();
  }, 60_000);

  it('refuses a third decimal before sending, beside the field', async () => {
    get.mockResolvedValue(ok({ contractId: 'c-1', inForce: null, versions: [] }));
    renderClause();
    fireEvent.click(await screen.findByRole('button', { name: 'Rédiger la clause' }));
    const perDay = screen.getByRole('textbox', { name: /^Pénalité par jour/ });
    type(perDay, '10,001');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la clause' }));
    expect(await screen.findByText('1 champ à corriger')).toBeInTheDocument();
    expect(perDay).toHaveAccessibleDescription(/Deux décimales au plus/);
    expect(put).not.toHaveBeenCalled();
  }, 30_000);

  it('offers no editor to the supplier', async () => {
    get.mockResolvedValue(ok({ contractId: 'c-1', inForce: version(1, terms), versions: [version(1, terms)] }));
    renderClause({ ...contract, role: 'supplier' });
    expect(await screen.findByText(/Version 1/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Modifier la clause' })).not.toBeInTheDocument();
  });
});

async function expectNoAxeViolations(container: HTMLElement) {
  const result = await axe.run(container, { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
