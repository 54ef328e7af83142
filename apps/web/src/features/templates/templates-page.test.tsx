import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../api/client';
import { authFetch } from '../../api/session';
import { useCurrentUser } from '../../auth/auth';
import i18n from '../../i18n/i18n';
import TemplatesPage from './templates-page';

vi.mock('../../api/client', () => ({ api: { GET: vi.fn(), POST: vi.fn() } }));
vi.mock('../../api/session', () => ({ authFetch: vi.fn() }));
vi.mock('../../auth/auth', () => ({ useCurrentUser: vi.fn() }));

const admin = {
  id: 'u1',
  name: 'An Admin',
  email: 'an@gent.example',
  role: 'admin' as const,
  organisation: { id: 'o1', name: 'Stad Gent', kind: 'contracting_authority' as const, preferredLanguage: 'en' as const },
};

const summary = {
  id: 't1',
  familyId: 'f1',
  versionNumber: 2,
  status: 'published',
  owner: { id: 'p1', name: 'Platform' },
  isReference: true,
  referenceKey: 'ict-quick-scan',
  title: 'ICT supply-chain quick scan',
  questionCount: 25,
  version: 3,
  createdAt: '2026-11-29T08:00:00.000Z',
  updatedAt: '2026-11-29T08:00:00.000Z',
  publishedAt: '2026-11-29T09:00:00.000Z',
};

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const router = createMemoryRouter([{ path: '/templates', element: <TemplatesPage /> }], { initialEntries: ['/templates'] });
  return render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('templates page', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
    vi.mocked(useCurrentUser).mockReturnValue(admin);
    vi.mocked(api.GET).mockResolvedValue({ data: { items: [summary], nextCursor: null }, response: { ok: true, status: 200 } as Response } as never);
  });

  it('lists the templates and shows the cells of a rejected workbook', async () => {
    const user = userEvent.setup();
    const { container } = renderPage();
    const row = (await screen.findByRole('link', { name: 'ICT supply-chain quick scan' }, { timeout: 5000 })).closest('tr') as HTMLElement;
    expect(within(row).getByText('Published')).toBeInTheDocument();
    expect(within(row).getByText('Platform reference template')).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Copy ICT supply-chain quick scan as a new draft' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'New template' })).toHaveAttribute('href', '/templates/new');

    vi.mocked(authFetch).mockResolvedValue(
      new Response(JSON.stringify({ status: 422, code: 'unprocessable', detail: 'The workbook has 1 problem', errors: [{ field: 'Questions!C7', message: 'must be one of yes_no, number' }] }), {
        status: 422,
        headers: { 'content-type': 'application/problem+json' },
      }),
    );
    const file = new File(['x'], 'template.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(screen.getByLabelText('Workbook (.xlsx)')).toBeInTheDocument();
    await user.upload(container.querySelector('input[type="file"]') as HTMLInputElement, file);
    expect(await screen.findByText('template.xlsx')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Import as a new draft' }));
    const cell = await screen.findByRole('cell', { name: 'Questions!C7' }, { timeout: 5000 });
    expect(cell.closest('tr')).toHaveTextContent('must be one of yes_no, number');
    const request = vi.mocked(authFetch).mock.calls[0][0];
    expect(request.method).toBe('POST');
    expect(request.url).toMatch(/\/api\/v1\/questionnaire-templates\/import$/);

    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
  }, 30_000);
});
