import { screen } from '@testing-library/react';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api, type Schemas } from '../../api/client';
import { buyer, fail, ok, renderAt } from '../review/test-utils';
import PlanPage from './plan-page';

vi.mock('../../api/client', () => ({ api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn() } }));
vi.mock('../../auth/auth', () => ({ useCurrentUser: () => buyer }));

const GET = vi.mocked(api.GET);

function plan(access: Schemas['PlanDto']['access']): Schemas['PlanDto'] {
  return {
    id: 'p1',
    contract: { id: 'c1', reference: 'GENT-ICT-2027-001', title: 'Laptops' },
    authority: { id: 'o1', name: 'Stad Gent' },
    supplier: { id: 'o2', name: 'Laptop Solutions NV' },
    status: 'submitted',
    rootCause: 'Passports kept for safekeeping.',
    rejectionComments: null,
    createdBy: 'supplier',
    createdOn: '2027-01-10',
    overdue: false,
    overdueActions: 1,
    findingCount: 1,
    actionCount: 1,
    verifiedActions: 0,
    version: 4,
    access,
    createdAt: '2027-01-10T09:00:00.000Z',
    updatedAt: '2027-01-12T09:00:00.000Z',
    submittedAt: '2027-01-12T09:00:00.000Z',
    approvedAt: null,
    verifiedAt: null,
    findings: [{ id: 'f1', title: 'Identity documents retained', severity: 'high', status: 'open', planDueDate: '2027-02-09' }],
    actions: [
      {
        id: 'x1',
        position: 1,
        description: 'Return every passport',
        owner: 'HR manager',
        dueDate: '2027-02-28',
        status: 'planned',
        proposedBy: 'supplier',
        overdue: true,
        doneOn: null,
        doneAt: null,
        verifiedAt: null,
        version: 2,
        evidence: [],
      },
    ],
  };
}

function serve(p: Schemas['PlanDto']) {
  GET.mockImplementation((async (path: string) => (path === '/api/v1/action-plans/{id}' ? ok(p) : fail(404))) as unknown as typeof api.GET);
}

describe('PlanPage', () => {
  beforeEach(() => GET.mockReset());

  it('offers approval and rejection to the buyer of a submitted plan', async () => {
    serve(plan('authority'));
    renderAt(<PlanPage />, '/action-plans/:id', '/action-plans/p1');
    expect(await screen.findByRole('button', { name: 'Approve the plan' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reject the plan' })).toBeInTheDocument();
    expect(screen.getByText('1 action overdue')).toBeInTheDocument();
  });

  it('does not offer approval to the supplier', async () => {
    serve(plan('supplier'));
    renderAt(<PlanPage />, '/action-plans/:id', '/action-plans/p1');
    expect(await screen.findByText('Return every passport')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve the plan' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Submit the plan' })).not.toBeInTheDocument();
  });

  it('has no serious accessibility problem (axe), with the supplier’s evidence upload', async () => {
    serve({ ...plan('supplier'), status: 'approved' });
    const { container } = renderAt(<PlanPage />, '/action-plans/:id', '/action-plans/p1');
    expect(await screen.findByRole('button', { name: 'Start' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Choose a file' })).toBeInTheDocument();
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }, 60_000);
});
