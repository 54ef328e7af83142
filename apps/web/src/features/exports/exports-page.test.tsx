import { MantineProvider } from '@mantine/core';
import axe from 'axe-core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n/i18n';
import type { Export } from './export-types';
import ExportsPage from './exports-page';

const get = vi.fn();
const post = vi.fn();
vi.mock('../../api/client', () => ({ api: { GET: (...a: unknown[]) => get(...a), POST: (...a: unknown[]) => post(...a) } }));
const authFetch = vi.fn();
vi.mock('../../api/session', () => ({ authFetch: (r: Request) => authFetch(r) }));
vi.mock('../../auth/auth', () => ({ useCurrentUser: () => ({ id: 'u', name: 'Auditor', role: 'member', organisation: { id: 'o', name: 'Audit BV', kind: 'audit_body', preferredLanguage: 'en' } }) }));

const ok = <T,>(data: T, status = 200) => ({ data, response: new Response(null, { status }) });
const base: Export = {
  id: 'e-1',
  status: 'queued',
  scope: { portfolio: true },
  from: null,
  to: null,
  progress: { rowsWritten: 0, rowsTotal: null },
  createdAt: '2027-01-10T09:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  expiresAt: '2027-01-17T09:00:00.000Z',
  fileName: null,
  sizeBytes: null,
  error: null,
};

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <ExportsPage />
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}


async function expectNoAxeViolations(container: HTMLElement) {
  const result = await axe.run(container, { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('ExportsPage', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
    window.sessionStorage.clear();
    get.mockReset();
    post.mockReset();
  });

  it('follows an export with a progress bar until it is done, then offers the download', async () => {
    const polls = [
      { ...base, status: 'running', progress: { rowsWritten: 1200, rowsTotal: 5400 } },
      { ...base, status: 'done', progress: { rowsWritten: 5400, rowsTotal: 5400 }, fileName: 'export-2027-01-10-e1.xlsx', sizeBytes: 48213 },
    ];
    get.mockImplementation(async (path: string) => {
      if (path === '/api/v1/contracts') return ok({ items: [], nextCursor: null });
      return ok(polls.length > 1 ? polls.shift() : polls[0]);
    });
    post.mockResolvedValue(ok(base, 202));

    const { container } = renderPage();
    expect(screen.getByRole('heading', { level: 1, name: 'Exports' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Request the export' }));
    expect(post).toHaveBeenCalledWith('/api/v1/exports', { body: { scope: { portfolio: true }, from: undefined, to: undefined } });

    const bar = await screen.findByRole('progressbar', { name: 'Export progress' });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '1200'));
    expect(bar).toHaveAttribute('aria-valuemax', '5400');
    expect(bar).toHaveAttribute('aria-valuetext', '1,200 of 5,400 rows written');
    expect(screen.queryByRole('button', { name: /Download/ })).not.toBeInTheDocument();

    const download = await screen.findByRole('button', { name: 'Download export-2027-01-10-e1.xlsx' }, { timeout: 5000 });
    expect(download).toBeEnabled();
    expect(screen.getByRole('progressbar', { name: 'Export progress' })).toHaveAttribute('aria-valuenow', '5400');
    expect(screen.getByText('Ready to download.')).toBeInTheDocument();
    await expectNoAxeViolations(container);

    authFetch.mockResolvedValue(new Response(new Blob(['xlsx']), { status: 200 }));
    const createObjectURL = vi.fn(() => 'blob:export');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicked: Array<{ download: string; href: string }> = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    });
    await userEvent.click(download);
    await waitFor(() => expect(clicked).toEqual([{ download: 'export-2027-01-10-e1.xlsx', href: 'blob:export' }]));
    expect((authFetch.mock.calls[0][0] as Request).url).toMatch(/\/api\/v1\/exports\/e-1\/file$/);
    click.mockRestore();
  }, 30_000);

  it('shows why an export failed', async () => {
    window.sessionStorage.setItem('ddp.exports', JSON.stringify(['e-1']));
    get.mockImplementation(async (path: string) => (path === '/api/v1/contracts' ? ok({ items: [], nextCursor: null }) : ok({ ...base, id: 'e-1', status: 'failed', error: 'The database went away' })));
    renderPage();
    expect(await screen.findByText('The database went away')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Download/ })).not.toBeInTheDocument();
  });
});
