import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, type Schemas } from '../../api/client';
import i18n from '../../i18n/i18n';
import { ReportEditor } from './report-editor';
import { apiResult, renderWithProviders } from './test-utils';

vi.mock('../../api/client', () => ({ api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn() } }));
const patch = vi.mocked(api.PATCH);

const report: Schemas['ReportDto'] = {
  id: 'c0a80101-0000-4000-8000-000000000001',
  obligationId: 'c0a80101-0000-4000-8000-000000000002',
  contractId: 'c0a80101-0000-4000-8000-000000000003',
  contractReference: 'GENT-ICT-2027-001',
  authority: { id: 'a', name: 'Stad Gent' },
  supplier: { id: 's', name: 'Laptop Solutions NV' },
  periodStart: '2027-01-01',
  periodEnd: '2027-03-31',
  dueDate: '2027-04-30',
  status: 'draft',
  submissionCount: 0,
  firstSubmittedAt: null,
  firstSubmittedOn: null,
  daysLate: null,
  late: false,
  version: 3,
  createdAt: '2027-04-02T08:00:00.000Z',
  updatedAt: '2027-04-02T08:00:00.000Z',
  access: 'supplier',
  obligation: { id: 'c0a80101-0000-4000-8000-000000000002', clauseId: 'k', clauseVersion: 1, periodStart: '2027-01-01', periodEnd: '2027-03-31', dueDate: '2027-04-30' },
  kpis: [
    { code: 'AUDITED_SITES', name: 'Tier-1 sites audited', unit: 'percent', direction: 'higher', target: '90' },
    { code: 'GRIEVANCES_RESOLVED', name: 'Grievances resolved', unit: 'count', direction: 'higher', target: '10' },
  ],
  narrative: '',
  kpiValues: [],
  results: [],
  submissions: [],
  attachments: [],
};

describe('ReportEditor', { timeout: 30_000 }, () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });
  afterEach(() => {
    vi.resetAllMocks();
  });

  it('shows one input per KPI with its code, unit, target and direction', () => {
    renderWithProviders(<ReportEditor report={report} />);
    const input = screen.getByLabelText('Tier-1 sites audited');
    expect(input).toHaveAccessibleDescription(/AUDITED_SITES/);
    expect(input).toHaveAccessibleDescription(/percent/);
    expect(input).toHaveAccessibleDescription(/Target: 90/);
    expect(input).toHaveAccessibleDescription(/higher is better/);
  });

  it('shows the API’s field error (kpiValues.N.value) beside the input of that KPI', async () => {
    const message = 'value must be a whole number between 0 and 1000000000000';
    patch.mockResolvedValue(
      apiResult(422, { type: 'urn:ddp:problem:unprocessable', status: 422, code: 'unprocessable', detail: `kpiValues.1.value: ${message}`, errors: [{ field: 'kpiValues.1.value', message }] }),
    );
    renderWithProviders(<ReportEditor report={report} />);
    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByLabelText('Tier-1 sites audited'), '95');
    await user.type(screen.getByLabelText('Grievances resolved'), '12');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));

    const grievances = screen.getByLabelText('Grievances resolved');
    await waitFor(() => expect(grievances).toHaveAttribute('aria-invalid', 'true'));
    // The API's rule in English becomes the rule of the KPI's unit in the reader's language.
    expect(grievances).toHaveAccessibleDescription(expect.stringContaining('The value was refused: enter a whole number between 0 and 1,000,000,000,000.'));
    expect(screen.getByLabelText('Tier-1 sites audited')).not.toHaveAttribute('aria-invalid', 'true');

    expect(patch).toHaveBeenCalledWith('/api/v1/reports/{id}', {
      params: { path: { id: report.id }, header: { 'If-Match': '"3"' } },
      body: { narrative: '', kpiValues: [{ code: 'AUDITED_SITES', value: '95' }, { code: 'GRIEVANCES_RESOLVED', value: '12' }] },
    });
  });

  it('shows a KPI left empty on submit (422 report_incomplete naming kpiValues.CODE) beside its input, in the reader’s language', async () => {
    await i18n.changeLanguage('fr');
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    patch.mockResolvedValue(apiResult(200, { ...report, version: 4, kpiValues: [{ code: 'AUDITED_SITES', value: '92.5', unit: 'percent' }] }));
    vi.mocked(api.POST).mockResolvedValue(
      apiResult(422, {
        type: 'urn:ddp:problem:report_incomplete',
        status: 422,
        code: 'report_incomplete',
        detail: 'The report is incomplete',
        errors: [{ field: 'kpiValues.GRIEVANCES_RESOLVED', message: 'GRIEVANCES_RESOLVED (Grievances resolved) needs a value' }],
      }),
    );
    renderWithProviders(<ReportEditor report={report} />);
    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByLabelText('Tier-1 sites audited'), '92,5');
    await user.click(screen.getByRole('button', { name: 'Soumettre le rapport' }));

    const grievances = screen.getByLabelText('Grievances resolved');
    await waitFor(() => expect(grievances).toHaveAttribute('aria-invalid', 'true'));
    expect(grievances).toHaveAccessibleDescription(expect.stringContaining('Saisissez une valeur : chaque indicateur est requis pour soumettre le rapport.'));
    expect(patch.mock.calls[0][1]).toMatchObject({ body: { kpiValues: [{ code: 'AUDITED_SITES', value: '92.5' }] } });
    expect(vi.mocked(api.POST).mock.calls[0][1]).toMatchObject({ params: { header: { 'If-Match': '"4"' } } });
  });

  it('shows a saved value with the reader’s decimal separator', async () => {
    await i18n.changeLanguage('nl');
    renderWithProviders(<ReportEditor report={{ ...report, kpiValues: [{ code: 'AUDITED_SITES', value: '92.5', unit: 'percent' }] }} />);
    expect(screen.getByLabelText('Tier-1 sites audited')).toHaveValue('92,5');
  });

  it('flags a value the unit does not allow before sending it', async () => {
    renderWithProviders(<ReportEditor report={report} />);
    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByLabelText('Tier-1 sites audited'), '120');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(screen.getByLabelText('Tier-1 sites audited')).toHaveAccessibleDescription(expect.stringContaining('between 0 and 100'));
    expect(patch).not.toHaveBeenCalled();
  });
});
