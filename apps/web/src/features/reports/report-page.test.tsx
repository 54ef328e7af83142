import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api, type Schemas } from '../../api/client';
import { useCurrentUser } from '../../auth/auth';
import i18n from '../../i18n/i18n';
import ContractReportsPage from './contract-reports-page';
import ReportPage from './report-page';
import { apiResult, renderPage } from './test-utils';

vi.mock('../../api/client', () => ({ api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn() } }));
vi.mock('../../auth/auth', () => ({ useCurrentUser: vi.fn() }));

const user = { id: 'u1', name: 'An', email: 'an@gent.example', role: 'member', organisation: { id: 'a', name: 'Stad Gent', kind: 'contracting_authority', preferredLanguage: 'en' } };

const report: Schemas['ReportDto'] = {
  id: 'r1',
  obligationId: 'o1',
  contractId: 'c1',
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
  obligation: { id: 'o1', clauseId: 'k', clauseVersion: 1, periodStart: '2027-01-01', periodEnd: '2027-03-31', dueDate: '2027-04-30' },
  kpis: [{ code: 'AUDITED_SITES', name: 'Tier-1 sites audited', unit: 'percent', direction: 'higher', target: '90', amberThreshold: '75' }],
  narrative: 'Both sites were audited.',
  kpiValues: [{ code: 'AUDITED_SITES', value: '92.5', unit: 'percent' }],
  results: [],
  submissions: [],
  attachments: [
    { id: 'e1', questionCode: null, fileName: 'audit-summary.pdf', contentType: 'application/pdf', sizeBytes: 482133, sha256: 'x', documentDate: '2027-03-28', uploadedAt: '2027-04-02T08:00:00.000Z', revisionAdded: null },
  ],
};

const contract = { id: 'c1', reference: 'GENT-ICT-2027-001', title: 'Laptops 2027-2030', supplier: { id: 's', name: 'Laptop Solutions NV' }, timeZone: 'Europe/Brussels', currency: 'EUR' };

function mockGets(r: Schemas['ReportDto'], role: string) {
  vi.mocked(api.GET).mockImplementation(((path: string) => {
    if (path === '/api/v1/reports/{id}') return Promise.resolve(apiResult(200, r));
    if (path === '/api/v1/contracts/{id}') return Promise.resolve(apiResult(200, { ...contract, role }));
    if (path === '/api/v1/contracts/{id}/report-obligations')
      return Promise.resolve(
        apiResult(200, [
          { id: 'o1', contractId: 'c1', clauseId: 'k', periodStart: '2027-01-01', periodEnd: '2027-03-31', dueDate: '2027-04-30', state: 'submitted', reportId: 'r1', daysLate: 3, late: true },
          { id: 'o2', contractId: 'c1', clauseId: 'k', periodStart: '2026-04-01', periodEnd: '2026-06-30', dueDate: '2026-07-30', state: 'overdue', reportId: null, daysLate: null, late: true },
        ]),
      );
    if (path === '/api/v1/contracts/{id}/clause')
      return Promise.resolve(
        apiResult(200, {
          contractId: 'c1',
          inForce: { id: 'k', versionNumber: 1, effectiveFrom: '2027-01-01', createdAt: '', terms: { articles: {}, reporting: { frequency: 'quarterly', dueDays: 30, kpis: report.kpis } } },
          versions: [],
        }),
      );
    return Promise.resolve(apiResult(404, { status: 404, code: 'not_found' }));
  }) as never);
}

const noSeriousViolations = async (container: HTMLElement) => {
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
};

describe('ReportPage', { timeout: 60_000 }, () => {
  beforeEach(async () => {
    vi.resetAllMocks();
    vi.mocked(useCurrentUser).mockReturnValue(user as never);
    await i18n.changeLanguage('en');
  });

  it('lets the supplier edit a draft: KPI inputs, narrative, attachments with a keyboard upload button', async () => {
    mockGets(report, 'supplier');
    const { container } = renderPage(<ReportPage />, '/reports/:id', '/reports/r1');
    expect(await screen.findByRole('heading', { level: 1, name: /Report for/ })).toBeInTheDocument();
    expect(screen.getByLabelText('Tier-1 sites audited')).toHaveValue('92.5');
    expect(screen.getByRole('button', { name: 'Choose a file' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download audit-summary.pdf' })).toBeInTheDocument();
    await noSeriousViolations(container);
  });

  it('lets the buyer accept or return a submitted report, and requires comments to return it', async () => {
    mockGets({ ...report, status: 'submitted', access: 'authority', submissionCount: 1, daysLate: 3, late: true, firstSubmittedAt: '2027-05-03T08:00:00.000Z', firstSubmittedOn: '2027-05-03',
      results: [{ code: 'AUDITED_SITES', value: '92.5', target: '90', direction: 'higher', margin: '2.5', colour: 'green' }],
      submissions: [{ number: 1, narrative: '', kpiValues: [], kpiResults: [], submittedAt: '2027-05-03T08:00:00.000Z', submittedOn: '2027-05-03', daysLate: 3, decision: null, comments: null, decidedAt: null }] }, 'authority');
    const { container } = renderPage(<ReportPage />, '/reports/:id', '/reports/r1');
    expect(await screen.findByRole('button', { name: 'Accept' })).toBeInTheDocument();
    expect(screen.getAllByText('Submitted 3 days late').length).toBeGreaterThan(0);
    expect(screen.queryByLabelText('Tier-1 sites audited')).not.toBeInTheDocument();
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Return to the supplier' }));
    expect(screen.getByText('Say what the supplier must change.')).toBeInTheDocument();
    expect(api.POST).not.toHaveBeenCalled();
    await noSeriousViolations(container);
  });
});

describe('ContractReportsPage', { timeout: 60_000 }, () => {
  it('lists the obligations with lateness and the KPIs of the clause', async () => {
    vi.resetAllMocks();
    await i18n.changeLanguage('en');
    mockGets(report, 'supplier');
    const { container } = renderPage(<ContractReportsPage />, '/contracts/:id/reports', '/contracts/c1/reports');
    expect(await screen.findByRole('heading', { level: 1, name: 'Reports of contract GENT-ICT-2027-001' })).toBeInTheDocument();
    expect(await screen.findByText('Submitted 3 days late')).toBeInTheDocument();
    expect(screen.getByText('Overdue')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Start the report for/ })).toBeInTheDocument();
    expect(await screen.findByText('AUDITED_SITES')).toBeInTheDocument();
    await noSeriousViolations(container);
  });
});
