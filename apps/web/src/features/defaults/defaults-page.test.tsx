import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../api/client';
import { useCurrentUser } from '../../auth/auth';
import i18n from '../../i18n/i18n';
import { apiResult, renderPage } from '../reports/test-utils';
import DefaultsPage from './defaults-page';

vi.mock('../../api/client', () => ({ api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn() } }));
vi.mock('../../auth/auth', () => ({ useCurrentUser: vi.fn() }));

const buyerUser = { id: 'u1', name: 'An', email: 'an@gent.example', role: 'member', organisation: { id: 'a', name: 'Stad Gent', kind: 'contracting_authority', preferredLanguage: 'en' } };
const contract = { id: 'c1', reference: 'GENT-ICT-2027-001', title: 'Laptops', supplier: { id: 's', name: 'Laptop Solutions NV' }, role: 'authority', timeZone: 'Europe/Brussels', currency: 'EUR' };

const entry = (over: Record<string, unknown>) => ({
  contractId: 'c1',
  currency: 'EUR',
  defaultId: null,
  settlementId: null,
  subject: null,
  subjectId: null,
  missedDeadline: null,
  reasons: null,
  reversesId: null,
  reversedBy: null,
  decidedOn: '2027-06-06',
  decidedAt: '2027-06-06T09:00:00.000Z',
  ...over,
});

const ledger = {
  contractId: 'c1',
  currency: 'EUR',
  items: [
    entry({ id: 'p1', kind: 'penalty', outcome: 'applied', amountCents: 70000, computedCents: 70000, defaultId: 'd1', reasons: 'Second failing.', calculation: { amountCents: 70000, perDefaultCents: 50000, perDayCents: 20000, daysCounted: 4, daysUntilRemedied: 4, perDayCapCents: null, cumulativeCapCents: null, remainingUnderCapCents: null, limitedBy: [], contractValueCents: 125000000, remedyDeadline: '2027-05-31', remediedOn: null, asOf: '2027-06-04', clauseId: null } }),
    entry({ id: 'p2', kind: 'late_fine', outcome: 'automatic', amountCents: 2000, computedCents: 2000, subject: 'report', missedDeadline: '2027-04-30', calculation: { deliverable: 'report', valueCents: 200000, ratePerDayBasisPoints: 10, daysLate: 10, uncappedCents: 2000, capCents: 15000, amountCents: 2000, deadline: '2027-04-30', deliveredOn: '2027-05-10' } }),
  ],
  totals: { penalty: 70000, late_fine: 2000, bonus: 0, malus: 0, net: -72000 },
};

const settlement = { id: 'k1', contractId: 'c1', reportId: 'r1', periodStart: '2027-01-01', periodEnd: '2027-03-31', proposedCents: 50000, currency: 'EUR', lines: [{ kpiCode: 'AUDITED_SITES', margin: '5', amountCents: 50000, capped: false }], status: 'proposed', decision: null, createdAt: '' };

const notified = {
  id: 'd1', contractId: 'c1', contractReference: 'GENT-ICT-2027-001', supplier: { id: 's', name: 'Laptop Solutions NV' }, origin: 'recorded', subject: 'execution_condition', subjectId: null, missedDeadline: null,
  occurredOn: '2027-05-01', failing: 'Excessive overtime', status: 'notified',
  notice: { reference: 'ND-2027-0003', article: 'Art. 12.2', remedyDeadline: '2027-05-31', responseDeadline: '2027-05-16', responsePeriodEndsAt: '2027-05-16T22:00:00.000Z', sentAt: '2027-05-01T08:00:00.000Z', sentOn: '2027-05-01' },
  response: null, factsAcknowledgedAt: null, dismissalReasons: null, decision: null, version: 2, createdAt: '2027-05-01T08:00:00.000Z',
};

const noSeriousViolations = async (container: HTMLElement) => {
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
};

describe('DefaultsPage', { timeout: 60_000 }, () => {
  beforeEach(async () => {
    vi.resetAllMocks();
    vi.mocked(useCurrentUser).mockReturnValue(buyerUser as never);
    await i18n.changeLanguage('en');
    vi.mocked(api.GET).mockImplementation(((path: string) => {
      if (path === '/api/v1/defaults') return Promise.resolve(apiResult(200, { items: [notified], nextCursor: null }));
      if (path === '/api/v1/contracts') return Promise.resolve(apiResult(200, { items: [contract], nextCursor: null }));
      if (path === '/api/v1/penalties') return Promise.resolve(apiResult(200, ledger));
      if (path === '/api/v1/bonus-malus') return Promise.resolve(apiResult(200, [settlement]));
      return Promise.resolve(apiResult(404, { status: 404, code: 'not_found' }));
    }) as never);
  });

  it('lists the defaults with their notice number and status, and offers the buyer to record one', async () => {
    const { container } = renderPage(<DefaultsPage />, '/defaults', '/defaults');
    expect(await screen.findByRole('link', { name: 'ND-2027-0003' })).toHaveAttribute('href', '/defaults/d1');
    expect(screen.getByText('Notice sent', { selector: 'span' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Record a broken execution condition' })).toBeInTheDocument();
    expect(await screen.findByRole('option', { name: /GENT-ICT-2027-001/ })).toBeInTheDocument();
    await noSeriousViolations(container);
  });

  it('shows the ledger with totals, calculations, corrections and the bonus/malus decision', async () => {
    const { container } = renderPage(<DefaultsPage />, '/defaults', '/defaults?tab=ledger');
    const totals = await screen.findByRole('heading', { name: /Totals \(EUR/ });
    const panel = totals.parentElement!;
    expect(within(panel).getByText('€700.00')).toBeInTheDocument();
    expect(within(panel).getByText('-€720.00')).toBeInTheDocument();
    expect(screen.getByText('Late fine', { selector: 'td' })).toBeInTheDocument();

    const user = userEvent.setup({ delay: null });
    await user.click(screen.getAllByRole('button', { name: 'Calculation' })[1]);
    expect(screen.getByText('Rate per day').nextSibling).toHaveTextContent('0.1%');
    await user.click(screen.getAllByRole('button', { name: 'Correct' })[0]);
    expect(screen.getByRole('heading', { name: 'Correct the entry of €700.00' })).toBeInTheDocument();

    expect(screen.getByText(/Proposed from the KPI results: Bonus of €500.00/)).toBeInTheDocument();
    await noSeriousViolations(container);
  });
});
