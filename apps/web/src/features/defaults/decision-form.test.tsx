import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../api/client';
import { ApiError } from '../../api/problem';
import i18n from '../../i18n/i18n';
import { apiResult, renderWithProviders } from '../reports/test-utils';
import { DecisionForm } from './decision-form';
import { ProblemAlert } from './problem-alert';
import type { DefaultView, PenaltyProposal } from './types';

vi.mock('../../api/client', () => ({ api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn() } }));
const post = vi.mocked(api.POST);

const proposal: PenaltyProposal = {
  amountCents: 70000,
  perDefaultCents: 50000,
  perDayCents: 20000,
  daysCounted: 4,
  daysUntilRemedied: 4,
  perDayCapCents: null,
  cumulativeCapCents: 12500000,
  remainingUnderCapCents: 12500000,
  limitedBy: [],
  currency: 'EUR',
  contractValueCents: 125000000,
  remedyDeadline: '2027-05-31',
  remediedOn: null,
  asOf: '2027-06-04',
  clauseId: null,
};

const record = {
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
  status: 'answered',
  notice: null,
  response: { text: 'We dispute it', respondedAt: '2027-05-10T08:00:00.000Z' },
  factsAcknowledgedAt: null,
  dismissalReasons: null,
  decision: null,
  penaltyProposal: proposal,
  version: 4,
  createdAt: '2027-05-01T08:00:00.000Z',
} satisfies DefaultView;

/** Intl separates amount and symbol with (narrow) no-break spaces: compare with plain spaces. */
const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ');

describe('DecisionForm', { timeout: 30_000 }, () => {
  afterEach(() => {
    vi.resetAllMocks();
  });

  it('shows the computed penalty in euros as Dutch writes it', async () => {
    await i18n.changeLanguage('nl');
    renderWithProviders(<DecisionForm record={record} proposal={proposal} />);
    expect(plain(screen.getByTestId('decision-computed').textContent)).toBe('€ 700,00');
    expect(plain(screen.getByTestId('computed-penalty').textContent)).toBe('€ 700,00');
    // every step of the calculation
    expect(screen.getByText('Bedrag per tekortkoming')).toBeInTheDocument();
    expect(screen.getByText('4 dagen')).toBeInTheDocument();
  });

  it('shows the computed penalty in euros as French writes it', async () => {
    await i18n.changeLanguage('fr');
    renderWithProviders(<DecisionForm record={record} proposal={proposal} />);
    expect(plain(screen.getByTestId('decision-computed').textContent)).toBe('700,00 €');
    expect(screen.getByText('Montant par défaut')).toBeInTheDocument();
  });

  it('asks to confirm the amount, then sends the decision with the version', async () => {
    await i18n.changeLanguage('en');
    post.mockResolvedValue(apiResult(200, { ...record, status: 'decided', decision: { outcome: 'applied', reasons: 'x', decidedAt: '2027-06-04T08:00:00.000Z', remediedOn: null } }));
    renderWithProviders(<DecisionForm record={record} proposal={proposal} />);
    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByLabelText(/Reasons/), 'Second failing this year.');
    await user.click(screen.getByRole('button', { name: 'Decide' }));
    expect(plain(screen.getByText(/Apply the penalty of/).textContent)).toContain('€700.00');
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    await waitFor(() =>
      expect(post).toHaveBeenCalledWith('/api/v1/defaults/{id}/decision', {
        params: { path: { id: 'd1' }, header: { 'If-Match': '"4"' } },
        body: { outcome: 'applied', reasons: 'Second failing this year.' },
      }),
    );
  });

  it('refuses a reduced amount that is not below the computed penalty', async () => {
    await i18n.changeLanguage('en');
    renderWithProviders(<DecisionForm record={record} proposal={proposal} />);
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByLabelText('Reduced'));
    await user.type(screen.getByLabelText(/Reduced amount/), '700');
    await user.type(screen.getByLabelText(/Reasons/), 'First failing.');
    await user.click(screen.getByRole('button', { name: 'Decide' }));
    expect(screen.getByLabelText(/Reduced amount/)).toHaveAttribute('aria-invalid', 'true');
    expect(post).not.toHaveBeenCalled();
  });
});

describe('ProblemAlert', () => {
  it('explains a 409 response_period_ended', async () => {
    await i18n.changeLanguage('en');
    renderWithProviders(<ProblemAlert error={new ApiError(409, { code: 'response_period_ended', status: 409, detail: 'The response period ended with 2027-05-16 (23:59:59, Europe/Brussels)' })} />);
    expect(screen.getByRole('alert')).toHaveTextContent('The response period has ended');
    expect(screen.getByRole('alert')).toHaveTextContent('2027-05-16');
  });
});
