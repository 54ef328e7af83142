import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api, type Schemas } from '../../api/client';
import AssessmentReviewPage from './assessment-review-page';
import { assessmentSummary, buyer, fail, ok, renderAt } from './test-utils';

vi.mock('../../api/client', () => ({ api: { GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn() } }));
vi.mock('../../auth/auth', () => ({ useCurrentUser: () => buyer }));

const GET = vi.mocked(api.GET);
const POST = vi.mocked(api.POST);

function assessment(over: Partial<Schemas['AssessmentDto']> = {}): Schemas['AssessmentDto'] {
  return {
    ...assessmentSummary({ status: 'submitted', colour: 'red', score: 61.5, redFlags: 1, acceptedAt: null }),
    sections: [{ sectionCode: 'FL', colour: 'red', score: null, answered: 3, total: 3 }],
    answers: [
      { questionCode: 'FL-01', value: 'yes', notApplicable: false, comment: null, colour: 'red', redFlag: true, updatedAt: '2026-11-20T08:00:00.000Z' },
      { questionCode: 'FL-02', value: 66, notApplicable: false, comment: 'Peak season', colour: 'amber', redFlag: false, updatedAt: '2026-11-20T08:00:00.000Z' },
      { questionCode: 'FL-03', value: 'no', notApplicable: false, comment: null, colour: 'green', redFlag: false, updatedAt: '2026-11-20T08:00:00.000Z' },
    ],
    evidence: [
      { id: 'e1', questionCode: 'FL-02', fileName: 'overtime.pdf', contentType: 'application/pdf', sizeBytes: 2048, sha256: 'abc123', documentDate: '2026-10-01', uploadedAt: '2026-11-20T08:00:00.000Z', revisionAdded: 1 },
    ],
    comments: [],
    revisions: [{ number: 1, openedAt: '2026-11-01T08:00:00.000Z', submittedAt: '2026-11-20T08:00:00.000Z', colour: 'red', score: 61.5, decision: null, decidedAt: null }],
    ...over,
  };
}

const definition = {
  sections: [
    {
      code: 'FL',
      title: { en: 'Forced labour' },
      questions: [
        { code: 'FL-01', text: { en: 'Do sites retain identity documents?' }, options: [{ value: 'yes', label: { en: 'Yes' } }, { value: 'no', label: { en: 'No' } }] },
        { code: 'FL-02', text: { en: 'Maximum weekly hours' }, unit: 'h/week' },
        { code: 'FL-03', text: { en: 'Are recruitment fees charged?' }, options: [{ value: 'yes', label: { en: 'Yes' } }, { value: 'no', label: { en: 'No' } }] },
      ],
    },
  ],
};

function serve(a: Schemas['AssessmentDto']) {
  GET.mockImplementation((async (path: string) => {
    if (path === '/api/v1/assessments/{id}') return ok(a);
    if (path === '/api/v1/questionnaire-templates/{id}') return ok({ definition });
    return fail(404);
  }) as unknown as typeof api.GET);
}

describe('AssessmentReviewPage', () => {
  beforeEach(() => {
    GET.mockReset();
    POST.mockReset();
  });

  it('shows every colour as text, with the red flag and the evidence', async () => {
    serve(assessment());
    renderAt(<AssessmentReviewPage />, '/assessments/:id', '/assessments/a1');
    expect(await screen.findByRole('heading', { level: 1, name: /ICT quick scan/ })).toBeInTheDocument();
    expect(await screen.findByText('Do sites retain identity documents?')).toBeInTheDocument();
    expect(screen.getAllByText('Red').length).toBeGreaterThanOrEqual(2); // overall, section, answer
    expect(screen.getAllByText('Amber')).toHaveLength(1);
    expect(screen.getAllByText('Green')).toHaveLength(1);
    expect(screen.getByText('Red-flag answer')).toBeInTheDocument();
    expect(screen.getByText('overtime.pdf')).toBeInTheDocument();
    expect(screen.getByText('abc123')).toBeInTheDocument();
  });

  it('sends a clarification request with the typed comment and the version as If-Match', async () => {
    const a = assessment();
    serve(a);
    POST.mockResolvedValue(ok({ ...a, status: 'clarification_requested', version: 4 }) as never);
    const user = userEvent.setup();
    renderAt(<AssessmentReviewPage />, '/assessments/:id', '/assessments/a1');
    await user.click(await screen.findByLabelText('Your comment on FL-02'));
    await user.paste('Please attach the overtime records.');
    await user.click(screen.getByRole('button', { name: 'Request clarification' }));
    await waitFor(() => expect(POST).toHaveBeenCalled());
    expect(POST).toHaveBeenCalledWith('/api/v1/assessments/{id}/review', {
      params: { path: { id: 'a1' }, header: { 'If-Match': '"3"' } },
      body: { decision: 'request_clarification', comments: [{ questionCode: 'FL-02', text: 'Please attach the overtime records.' }] },
    });
  }, 20_000);

  it('shows the API problem when it refuses the review', async () => {
    serve(assessment());
    POST.mockResolvedValue(fail(409, 'The record is not in a state that allows this') as never);
    const user = userEvent.setup();
    renderAt(<AssessmentReviewPage />, '/assessments/:id', '/assessments/a1');
    await user.click(await screen.findByRole('button', { name: 'Accept the assessment' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The record is not in a state that allows this')).toBeInTheDocument();
  });

  it('is read-only for an auditor', async () => {
    serve(assessment({ access: 'auditor' }));
    renderAt(<AssessmentReviewPage />, '/assessments/:id', '/assessments/a1');
    expect(await screen.findByText(/assigned auditor/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Accept the assessment' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Request clarification' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Your comment on FL-02')).not.toBeInTheDocument();
  });

  it('names the supplier that shared it, not a buyer nor a contract, and asks for no contract', async () => {
    serve(assessment({ access: 'shared', status: 'accepted', contract: null, authority: null }));
    renderAt(<AssessmentReviewPage />, '/assessments/:id', '/assessments/a1');
    expect(await screen.findByRole('heading', { level: 1, name: 'ICT quick scan — Shared by Laptop Solutions NV' })).toBeInTheDocument();
    expect(screen.getByText('Source')).toBeInTheDocument();
    expect(screen.getByText(/stay the supplier’s business/)).toBeInTheDocument();
    expect(screen.queryByText('Contract')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Accept the assessment' })).not.toBeInTheDocument();
    expect((GET.mock.calls as unknown as Array<[string]>).map(([path]) => path)).not.toContain('/api/v1/contracts/{id}');
  });

  it('has no serious accessibility problem (axe)', async () => {
    serve(assessment());
    const { container } = renderAt(<AssessmentReviewPage />, '/assessments/:id', '/assessments/a1');
    await screen.findByLabelText('Your comment on FL-02');
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }, 60_000);
});
