import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../api/client';
import { useCurrentUser } from '../../auth/auth';
import i18n from '../../i18n/i18n';
import { apiResult, renderPage } from '../reports/test-utils';
import DefaultPage from './default-page';
import type { DefaultView, PenaltyProposal } from './types';

vi.mock('../../api/client', () => ({ api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn() } }));
vi.mock('../../auth/auth', () => ({ useCurrentUser: vi.fn() }));

const supplierUser = { id: 'u2', name: 'Sam', email: 'sam@example.com', role: 'member', organisation: { id: 's', name: 'Laptop Solutions NV', kind: 'supplier', preferredLanguage: 'en' } };
const buyerUser = { id: 'u1', name: 'An', email: 'an@gent.example', role: 'member', organisation: { id: 'a', name: 'Stad Gent', kind: 'contracting_authority', preferredLanguage: 'en' } };

const proposal: PenaltyProposal = {
  amountCents: 70000,
  perDefaultCents: 50000,
  perDayCents: 20000,
  daysCounted: 4,
  daysUntilRemedied: 4,
  perDayCapCents: null,
  cumulativeCapCents: null,
  remainingUnderCapCents: null,
  limitedBy: [],
  currency: 'EUR',
  contractValueCents: 125000000,
  remedyDeadline: '2027-05-31',
  remediedOn: null,
  asOf: '2027-06-04',
  clauseId: 'k1',
};

const notified: DefaultView = {
  id: 'd1',
  contractId: 'c1',
  contractReference: 'GENT-ICT-2027-001',
  supplier: { id: 's', name: 'Laptop Solutions NV' },
  origin: 'recorded',
  subject: 'execution_condition',
  subjectId: null,
  missedDeadline: null,
  occurredOn: '2027-05-01',
  failing: 'Excessive overtime found at the assembly plant',
  status: 'notified',
  notice: {
    reference: 'ND-2027-0003',
    article: 'Art. 12.2',
    remedyDeadline: '2027-05-31',
    responseDeadline: '2027-05-16',
    responsePeriodEndsAt: '2027-05-16T22:00:00.000Z',
    sentAt: '2027-05-01T08:00:00.000Z',
    sentOn: '2027-05-01',
  },
  response: null,
  factsAcknowledgedAt: null,
  dismissalReasons: null,
  decision: null,
  version: 2,
  createdAt: '2027-05-01T08:00:00.000Z',
};

function mockGets(record: DefaultView, role: 'supplier' | 'authority') {
  vi.mocked(api.GET).mockImplementation(((path: string) => {
    if (path === '/api/v1/defaults/{id}') return Promise.resolve(apiResult(200, record));
    if (path === '/api/v1/contracts/{id}') return Promise.resolve(apiResult(200, { id: 'c1', reference: 'GENT-ICT-2027-001', role, timeZone: 'Europe/Brussels', currency: 'EUR' }));
    if (path === '/api/v1/contracts/{id}/clause')
      return Promise.resolve(
        apiResult(200, { contractId: 'c1', inForce: null, versions: [{ id: 'k1', versionNumber: 1, effectiveFrom: '2027-01-01', createdAt: '', terms: { articles: {}, penalties: { perDefault: { kind: 'fixed', amountCents: 50000 }, perDay: { amountCents: 5000 } } } }] }),
      );
    return Promise.resolve(apiResult(404, { status: 404, code: 'not_found' }));
  }) as never);
}

describe('DefaultPage', { timeout: 60_000 }, () => {
  beforeEach(async () => {
    vi.resetAllMocks();
    await i18n.changeLanguage('en');
  });

  it('shows the notice (ND number, article, deadlines) and the API’s 409 response_period_ended to the supplier', async () => {
    vi.mocked(useCurrentUser).mockReturnValue(supplierUser as never);
    mockGets(notified, 'supplier');
    vi.mocked(api.POST).mockResolvedValue(
      apiResult(409, { status: 409, code: 'response_period_ended', detail: 'The response period ended with 2027-05-16 (23:59:59, Europe/Brussels)' }),
    );
    const { container } = renderPage(<DefaultPage />, '/defaults/:id', '/defaults/d1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Notice of default ND-2027-0003' })).toBeInTheDocument();
    expect(screen.getByText('Art. 12.2')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Answer the notice' })).toBeInTheDocument();

    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByLabelText(/Your answer/), 'The audit firm was late.');
    await user.click(screen.getByRole('button', { name: 'Send the answer' }));
    expect(await screen.findByText('The response period has ended: an answer can no longer be sent.')).toBeInTheDocument();
    expect(vi.mocked(api.POST)).toHaveBeenCalledWith('/api/v1/defaults/{id}/response', { params: { path: { id: 'd1' }, header: { 'If-Match': '"2"' } }, body: { text: 'The audit firm was late.' } });

    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('shows the buyer the computed penalty with the clause’s rule before deciding', async () => {
    vi.mocked(useCurrentUser).mockReturnValue(buyerUser as never);
    mockGets({ ...notified, status: 'answered', response: { text: 'We dispute it.', respondedAt: '2027-05-10T08:00:00.000Z' }, penaltyProposal: proposal }, 'authority');
    const { container } = renderPage(<DefaultPage />, '/defaults/:id', '/defaults/d1');
    expect(await screen.findByRole('heading', { name: 'Decision on the penalty' })).toBeInTheDocument();
    expect(screen.getByText('We dispute it.')).toBeInTheDocument();
    expect(await screen.findByText(/Fixed amount of €500.00/)).toBeInTheDocument();
    expect(screen.getByText(/€50.00 per day × 4/)).toBeInTheDocument();
    expect(screen.getByTestId('computed-penalty')).toHaveTextContent('€700.00');

    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
