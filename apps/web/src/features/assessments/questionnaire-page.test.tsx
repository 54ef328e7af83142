import { MantineProvider } from '@mantine/core';
import type { TemplateDefinition } from '@ddp/definition';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/problem';
import { assessmentSummary } from '../review/test-utils';
import i18n from '../../i18n/i18n';
import type { Assessment } from './assessment-api';
import { SaveFailure, type SentAnswer } from './autosave-queue';
import QuestionnairePage from './questionnaire-page';

const send = vi.fn<(answers: SentAnswer[], etag: string) => Promise<string>>();
const fetchAssessment = vi.fn<(id: string) => Promise<Assessment>>();
const submitAssessment = vi.fn<(id: string, etag: string, key: string) => Promise<Assessment>>();

vi.mock('../../auth/auth', () => ({
  useCurrentUser: () => ({ id: 'u', name: 'Ann', role: 'admin', organisation: { id: 's', name: 'Laptop Solutions NV', kind: 'supplier', preferredLanguage: 'en' } }),
}));

vi.mock('./assessment-api', async (importOriginal) => {
  const original = await importOriginal<typeof import('./assessment-api')>();
  return {
    ...original,
    fetchAssessment: (id: string) => fetchAssessment(id),
    fetchDefinition: async () => definition,
    answersSender: () => send,
    submitAssessment: (id: string, etag: string, key: string) => submitAssessment(id, etag, key),
  };
});

const definition: TemplateDefinition = {
  languages: ['en'],
  title: { en: 'Quick scan' },
  scoring: { method: 'worst' },
  sections: [
    {
      code: 'LAB',
      title: { en: 'Labour' },
      questions: [
        {
          code: 'LAB-01',
          theme: 'forced_labour',
          type: 'yes_no',
          required: true,
          text: { en: 'Do you recruit through agencies?' },
          options: [
            { value: 'yes', label: { en: 'Yes' }, colour: 'amber' },
            { value: 'no', label: { en: 'No' }, colour: 'green' },
          ],
        },
      ],
    },
    {
      code: 'ENV',
      title: { en: 'Environment' },
      questions: [{ code: 'ENV-01', theme: 'environment', type: 'text', required: true, text: { en: 'Describe your environmental policy' } }],
    },
  ],
};

function assessment(version: number, answers: Assessment['answers'] = []): Assessment {
  return {
    ...assessmentSummary({
      supplier: { id: 's', name: 'Laptop Solutions NV' },
      template: { id: 't', title: 'Quick scan', versionNumber: 1 },
      status: 'in_progress',
      dueDate: '2099-01-31',
      version,
      colour: 'grey',
      score: null,
      submittedAt: null,
      acceptedAt: null,
      access: 'supplier',
    }),
    sections: [],
    answers,
    evidence: [],
    comments: [],
    revisions: [{ number: 1, openedAt: '2026-11-01T08:00:00.000Z', submittedAt: null, colour: 'grey', score: null, decision: null, decidedAt: null }],
  };
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={['/assessments/a1']}>
          <Routes>
            <Route path="/assessments/:id" element={<QuestionnairePage />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('QuestionnairePage', { timeout: 20_000 }, () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
    localStorage.clear();
  });
  afterEach(() => {
    send.mockReset();
    fetchAssessment.mockReset();
    submitAssessment.mockReset();
  });

  it('autosaves a change with the ETag it read and says so', async () => {
    fetchAssessment.mockResolvedValue(assessment(3));
    send.mockResolvedValue('"4"');
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('radio', { name: 'Yes' }));
    expect(screen.getByText('1 of 2 required questions answered')).toBeInTheDocument();
    await waitFor(() => expect(send).toHaveBeenCalledWith([{ questionCode: 'LAB-01', value: 'yes', notApplicable: false, comment: null }], '"3"'), { timeout: 3000 });
    expect(await screen.findByText('Saved')).toBeInTheDocument();
    expect(localStorage.getItem('ddp.assessment-draft.a1')).toBeNull();
  });

  it('on a 412 offers to reload, then re-applies the local change over the new version', async () => {
    fetchAssessment.mockResolvedValueOnce(assessment(3)).mockResolvedValue(assessment(5, [{ questionCode: 'ENV-01', value: 'Their text', notApplicable: false, comment: null, colour: 'grey', redFlag: false, updatedAt: '2026-11-02T08:00:00.000Z' }]));
    send.mockRejectedValueOnce(new SaveFailure(412)).mockResolvedValue('"6"');
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('radio', { name: 'No' }));
    await user.click(await screen.findByRole('button', { name: 'Reload and re-apply my changes' }, { timeout: 3000 }));
    await waitFor(() => expect(send).toHaveBeenLastCalledWith([{ questionCode: 'LAB-01', value: 'no', notApplicable: false, comment: null }], '"5"'));
    expect(screen.getByRole('radio', { name: 'No' })).toBeChecked();
    expect(screen.getByText('2 of 2 required questions answered')).toBeInTheDocument();
  });

  it('lists what the API says is missing at submission, and a link jumps to the question in its section', async () => {
    fetchAssessment.mockResolvedValue(assessment(3));
    submitAssessment.mockRejectedValue(
      new ApiError(422, { status: 422, code: 'assessment_incomplete', detail: 'Missing answers: ENV-01', errors: [{ field: 'answers.ENV-01', message: 'ENV-01 needs an answer' }] }),
    );
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Submit' }));
    expect(submitAssessment).toHaveBeenCalledWith('a1', '"3"', expect.any(String));
    const link = await screen.findByRole('button', { name: 'ENV-01 · Describe your environmental policy' });
    await user.click(link);
    await waitFor(() => expect(document.getElementById('question-ENV-01')).toHaveFocus());
    expect(screen.getByRole('tab', { name: /Environment/ })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getAllByText('This question needs an answer.').length).toBeGreaterThan(0);
  });
});
