import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../api/client';
import { useCurrentUser } from '../../auth/auth';
import i18n from '../../i18n/i18n';
import { addQuestion, addSection, emptyDefinition, setQuestionText, setSectionTitle, setTitle } from './definition-editing';
import TemplatePage from './template-page';

vi.mock('../../api/client', () => ({ api: { GET: vi.fn(), POST: vi.fn(), PUT: vi.fn() } }));
vi.mock('../../auth/auth', () => ({ useCurrentUser: vi.fn() }));

const GET = vi.mocked(api.GET);
const PUT = vi.mocked(api.PUT);

const admin = {
  id: 'u1',
  name: 'An Admin',
  email: 'an@gent.example',
  role: 'admin' as const,
  organisation: { id: 'o1', name: 'Stad Gent', kind: 'contracting_authority' as const, preferredLanguage: 'en' as const },
};

function definition() {
  let d = setTitle(emptyDefinition(['en']), 'en', 'Quick scan');
  d = setSectionTitle(addSection(d), 0, 'en', 'Labour');
  return setQuestionText(addQuestion(d, 0), 0, 0, 'en', 'Are identity papers retained?');
}

function template(version: number) {
  return {
    id: 't1',
    familyId: 'f1',
    versionNumber: 1,
    status: 'draft',
    owner: { id: 'o1', name: 'Stad Gent' },
    isReference: false,
    referenceKey: null,
    title: 'Quick scan',
    questionCount: 1,
    version,
    createdAt: '2026-11-29T08:00:00.000Z',
    updatedAt: '2026-11-29T08:00:00.000Z',
    publishedAt: null,
    definition: definition(),
  };
}

const ok = <T,>(data: T, status = 200) => ({ data, response: { ok: true, status } as Response });
const problem = (status: number, body: object) => ({ error: { status, ...body }, response: { ok: false, status } as Response });

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const router = createMemoryRouter([{ path: '/templates/:id', element: <TemplatePage /> }], { initialEntries: ['/templates/t1'] });
  return render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('template page', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
    GET.mockReset();
    PUT.mockReset();
    vi.mocked(useCurrentUser).mockReturnValue(admin);
  });

  it('shows an owner not disclosed (a template met through a shared assessment) as such, and read only', async () => {
    GET.mockImplementation((async (path: string) => {
      if (path === '/api/v1/questionnaire-templates/{id}') return ok({ ...template(1), status: 'published', publishedAt: '2026-11-29T09:00:00.000Z', owner: null });
      return ok({ items: [], nextCursor: null });
    }) as unknown as typeof api.GET);
    renderPage();
    expect(await screen.findByText(/Not disclosed \(a supplier shared an assessment using it\)/)).toBeInTheDocument();
    expect(screen.queryByText(/Stad Gent/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
  });

  it('shows the API errors next to their field, and offers to reload and re-apply after a 412', async () => {
    let version = 1;
    GET.mockImplementation((async (path: string) => {
      if (path === '/api/v1/questionnaire-templates/{id}') return ok(template(version));
      if (path === '/api/v1/questionnaire-templates') return ok({ items: [], nextCursor: null });
      return problem(404, {});
    }) as unknown as typeof api.GET);
    const user = userEvent.setup();
    renderPage();

    const code = await screen.findByRole('textbox', { name: /Section code/ });
    await user.clear(code);
    await user.type(code, 'LAB');

    PUT.mockResolvedValueOnce(problem(400, { code: 'validation_failed', errors: [{ field: 'definition.sections[0].code', message: 'is taken by another section' }] }) as never);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: /Section code/ })).toHaveAccessibleDescription(expect.stringContaining('is taken by another section')));
    expect(PUT.mock.calls[0][1]).toMatchObject({ params: { path: { id: 't1' }, header: { 'If-Match': '"1"' } } });

    PUT.mockResolvedValueOnce(problem(412, { code: 'precondition_failed' }) as never);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const reload = await screen.findByRole('button', { name: 'Reload and re-apply my changes' });

    version = 2;
    PUT.mockImplementationOnce((async (_path: string, init: { body: { definition: unknown } }) => ok({ ...template(3), definition: init.body.definition })) as unknown as typeof api.PUT);
    await user.click(reload);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Reload and re-apply my changes' })).toBeNull());
    const last = PUT.mock.calls[2][1] as unknown as { params: { header: Record<string, string> }; body: { definition: { sections: Array<{ code: string }> } } };
    expect(last.params.header['If-Match']).toBe('"2"');
    expect(last.body.definition.sections[0].code).toBe('LAB');
  }, 30_000);
});
