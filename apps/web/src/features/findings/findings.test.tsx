import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api, type Schemas } from '../../api/client';
import { useCurrentUser } from '../../auth/auth';
import { buyer, fail, ok, renderAt, supplierUser } from '../review/test-utils';
import FindingPage from './finding-page';
import FindingsPage from './findings-page';

vi.mock('../../api/client', () => ({ api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn() } }));
vi.mock('../../auth/auth', () => ({ useCurrentUser: vi.fn() }));

const GET = vi.mocked(api.GET);
const PATCH = vi.mocked(api.PATCH);

const finding: Schemas['FindingDto'] = {
  id: 'f1',
  contractId: 'c1',
  contractReference: 'GENT-ICT-2027-001',
  supplier: { id: 'o2', name: 'Laptop Solutions NV' },
  assessmentId: 'a1',
  questionCode: 'FL-01',
  revision: 1,
  source: 'assessment',
  severity: 'high',
  theme: 'forced_labour',
  title: 'Identity documents retained',
  description: null,
  answer: { value: 'yes', colour: 'red', redFlag: true },
  status: 'open',
  planDueDate: '2099-02-09',
  closedAt: null,
  createdByOrganisation: null,
  createdAt: '2026-11-29T08:00:00.000Z',
  updatedAt: '2026-11-29T08:00:00.000Z',
};

function serve(role: 'authority' | 'supplier') {
  GET.mockImplementation((async (path: string) => {
    switch (path) {
      case '/api/v1/findings':
        return ok({ items: [finding], nextCursor: null });
      case '/api/v1/findings/{id}':
        return ok(finding);
      case '/api/v1/findings/{id}/evidence':
        return ok([]);
      case '/api/v1/contracts':
        return ok({ items: [], nextCursor: null });
      case '/api/v1/contracts/{id}':
        return ok({ id: 'c1', role, timeZone: 'Europe/Brussels' });
      case '/api/v1/action-plans':
        return ok({ items: [], nextCursor: null });
      default:
        return fail(404);
    }
  }) as unknown as typeof api.GET);
}

describe('findings', () => {
  beforeEach(() => {
    GET.mockReset();
    PATCH.mockReset();
  });

  it('lists findings with severity and colour as text; buyers may record one, suppliers not', async () => {
    vi.mocked(useCurrentUser).mockReturnValue(buyer);
    serve('authority');
    const { container, unmount } = renderAt(<FindingsPage />, '/findings', '/findings');
    expect(await screen.findByRole('link', { name: 'Identity documents retained' })).toBeInTheDocument();
    const table = screen.getByRole('table');
    expect(within(table).getByText('High')).toBeInTheDocument();
    expect(within(table).getByText('Red')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Record a finding' })).toBeInTheDocument();
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    unmount();

    vi.mocked(useCurrentUser).mockReturnValue(supplierUser);
    renderAt(<FindingsPage />, '/findings', '/findings');
    expect(await screen.findByRole('link', { name: 'Identity documents retained' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Record a finding' })).not.toBeInTheDocument();
  }, 60_000);

  it('lets the buyer move the plan deadline, and offers the supplier to propose a plan', async () => {
    vi.mocked(useCurrentUser).mockReturnValue(buyer);
    serve('authority');
    PATCH.mockResolvedValue(ok({ ...finding, planDueDate: '2099-03-01' }) as never);
    const user = userEvent.setup();
    const { unmount } = renderAt(<FindingPage />, '/findings/:id', '/findings/f1');
    const input = await screen.findByLabelText('New date');
    await user.clear(input);
    await user.type(input, '2099-03-01');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(PATCH).toHaveBeenCalledWith('/api/v1/findings/{id}', { params: { path: { id: 'f1' } }, body: { planDueDate: '2099-03-01' } }));
    unmount();

    vi.mocked(useCurrentUser).mockReturnValue(supplierUser);
    serve('supplier');
    renderAt(<FindingPage />, '/findings/:id', '/findings/f1');
    expect(await screen.findByRole('link', { name: 'Propose a plan' })).toHaveAttribute('href', '/action-plans/new?findingId=f1');
    expect(screen.queryByLabelText('New date')).not.toBeInTheDocument();
  }, 60_000);
});
