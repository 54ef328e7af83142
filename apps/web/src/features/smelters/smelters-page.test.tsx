import { MantineProvider } from '@mantine/core';
import axe from 'axe-core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n/i18n';
import SmeltersPage from './smelters-page';

const get = vi.fn();
vi.mock('../../api/client', () => ({ api: { GET: (...a: unknown[]) => get(...a) } }));

const ok = <T,>(data: T) => ({ data, response: new Response(null, { status: 200 }) });
const supplier = { id: 's-1', name: 'Acme Components NV', contractId: 'c-1', contractReference: 'CT-2026-001' };


async function expectNoAxeViolations(container: HTMLElement) {
  const result = await axe.run(container, { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('SmeltersPage', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
    get.mockReset();
  });

  it('lists the smelters with the suppliers naming each, page after page', async () => {
    get.mockImplementation(async (path: string, init: { params: { query: { after?: string } } }) => {
      if (path === '/api/v1/contracts') return ok({ items: [], nextCursor: null });
      return init.params.query.after
        ? ok({ items: [{ key: 'name:foo|gold', smelterId: null, name: 'Foo Refinery', metal: 'Gold', country: null, suppliers: [supplier] }], nextCursor: null })
        : ok({ items: [{ key: 'id:CID001898', smelterId: 'CID001898', name: 'Thaisarco', metal: 'Tin', country: 'THAILAND', suppliers: [supplier] }], nextCursor: 'next-1' });
    });
    const { container } = render(
      <MantineProvider>
        <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <MemoryRouter initialEntries={['/smelters?contractId=c-1']}>
            <SmeltersPage />
          </MemoryRouter>
        </QueryClientProvider>
      </MantineProvider>,
    );
    const row = (await screen.findByText('Thaisarco')).closest('tr') as HTMLElement;
    expect(within(row).getByText('CID001898')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'CT-2026-001' })).toHaveAttribute('href', '/contracts/c-1?tab=minerals');
    expect(get).toHaveBeenCalledWith('/api/v1/smelters', { params: { query: { contractId: 'c-1', after: undefined, limit: 100 } } });

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    const second = (await screen.findByText('Foo Refinery')).closest('tr') as HTMLElement;
    expect(within(second).getByText('Not identified')).toBeInTheDocument();
    expect(get).toHaveBeenCalledWith('/api/v1/smelters', { params: { query: { contractId: 'c-1', after: 'next-1', limit: 100 } } });
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    await expectNoAxeViolations(container);
  }, 30_000);
});
