import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../api/client';
import i18n from '../../i18n/i18n';
import { IssuePanel } from './issue-panel';

vi.mock('../../api/client', () => ({ api: { GET: vi.fn(), POST: vi.fn() } }));

const contract = (id: string, reference: string, supplier: string, role = 'authority') => ({
  id,
  reference,
  title: `Contract ${reference}`,
  authority: { id: 'o1', name: 'Stad Gent' },
  supplier: { id: `s-${id}`, name: supplier },
  startDate: '2027-01-01',
  endDate: '2030-12-31',
  timeZone: 'Europe/Brussels',
  status: 'active',
  role,
});

const ok = <T,>(data: T, status = 200) => ({ data, response: { ok: true, status } as Response });

function renderPanel() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <IssuePanel templateId="t1" />
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('issue panel', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
    vi.mocked(api.GET).mockResolvedValue(
      ok({ items: [contract('c1', 'GENT-1', 'Laptop Solutions NV'), contract('c2', 'GENT-2', 'Docking BV', 'participant'), contract('c3', 'GENT-3', 'Other', 'supplier')], nextCursor: null }) as never,
    );
  });

  it('issues one template to the suppliers of the chosen contracts and lists what was issued', async () => {
    const user = userEvent.setup();
    renderPanel();
    await user.click(await screen.findByRole('checkbox', { name: 'Choose contract GENT-1' }, { timeout: 5000 }));
    await user.click(screen.getByRole('checkbox', { name: 'Choose contract GENT-2' }));
    expect(screen.queryByRole('checkbox', { name: 'Choose contract GENT-3' })).toBeNull();
    fireEvent.change(screen.getByLabelText(/Due date/), { target: { value: '2099-02-15' } });

    vi.mocked(api.POST).mockResolvedValue(
      ok(
        [
          { id: 'a1', contract: { id: 'c1', reference: 'GENT-1' }, supplier: { id: 's-c1', name: 'Laptop Solutions NV' }, dueDate: '2099-02-15' },
          { id: 'a2', contract: { id: 'c2', reference: 'GENT-2' }, supplier: { id: 's-c2', name: 'Docking BV' }, dueDate: '2099-02-15' },
        ],
        201,
      ) as never,
    );
    await user.click(screen.getByRole('button', { name: 'Send to the chosen suppliers (2)' }));
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent('Questionnaires sent: 2');
    expect(within(status).getAllByRole('link', { name: 'Open the assessment' }).map((a) => a.getAttribute('href'))).toEqual(['/assessments/a1', '/assessments/a2']);
    expect(vi.mocked(api.POST).mock.calls[0]).toEqual(['/api/v1/assessments/bulk', { body: { templateId: 't1', contractIds: ['c1', 'c2'], dueDate: '2099-02-15' } }]);
  }, 30_000);
});
