import { MantineProvider } from '@mantine/core';
import type { TemplateDefinition } from '@ddp/definition';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import '../../i18n/i18n';
import { RagBadge } from '../../components/rag-badge';
import { type AnswerMap, type DraftAnswer, QuestionnaireView, useLiveRating } from './questionnaire-view';

const definition: TemplateDefinition = {
  languages: ['en', 'fr'],
  title: { en: 'Labour check', fr: 'Contrôle' },
  scoring: { method: 'worst' },
  sections: [
    {
      code: 'LAB',
      title: { en: 'Labour', fr: 'Travail' },
      questions: [
        {
          code: 'LAB-01',
          theme: 'forced_labour',
          type: 'yes_no',
          required: true,
          text: { en: 'Do you recruit through agencies?', fr: 'Recrutez-vous par des agences ?' },
          options: [
            { value: 'yes', label: { en: 'Yes', fr: 'Oui' }, colour: 'amber' },
            { value: 'no', label: { en: 'No', fr: 'Non' }, colour: 'green' },
          ],
        },
        {
          code: 'LAB-02',
          theme: 'forced_labour',
          type: 'single_choice',
          required: true,
          condition: { questionCode: 'LAB-01', anyOf: ['yes'] },
          text: { en: 'Who pays the recruitment fees?', fr: 'Qui paie les frais de recrutement ?' },
          guidance: { en: 'Workers must never pay.' },
          options: [
            { value: 'employer', label: { en: 'The employer', fr: 'L’employeur' }, colour: 'green' },
            { value: 'workers', label: { en: 'The workers', fr: 'Les travailleurs' }, colour: 'red' },
          ],
        },
      ],
    },
    {
      code: 'ENV',
      title: { en: 'Environment', fr: 'Environnement' },
      questions: [{ code: 'ENV-01', theme: 'environment', type: 'text', required: false, text: { en: 'Describe your policy', fr: 'Décrivez votre politique' } }],
    },
  ],
};

function Harness({ language = 'en' }: { language?: string }) {
  const [answers, setAnswers] = useState<AnswerMap>({});
  const live = useLiveRating(definition, answers);
  return (
    <MantineProvider>
      <div data-testid="overall">
        <RagBadge colour={live.rating.colour} />
      </div>
      <QuestionnaireView
        definition={definition}
        answers={answers}
        onChange={(code: string, answer: DraftAnswer) => setAnswers((prev) => ({ ...prev, [code]: answer }))}
        language={language}
        rating={live}
      />
    </MantineProvider>
  );
}

const colourOf = (element: HTMLElement | null) => element?.querySelector('[data-colour]')?.getAttribute('data-colour');

describe('QuestionnaireView', { timeout: 20_000 }, () => {
  it('shows a conditional question only while the answer that enables it is chosen', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    expect(screen.queryByText('Who pays the recruitment fees?')).not.toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Yes' }));
    expect(screen.getByRole('radiogroup', { name: /Who pays the recruitment fees\?/ })).toBeInTheDocument();
    expect(screen.getByText('Workers must never pay.')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'No' }));
    expect(screen.queryByText('Who pays the recruitment fees?')).not.toBeInTheDocument();
  });

  it('colours the answer, its section and the overall rating with the API’s rules as answers change', async () => {
    const user = userEvent.setup();
    const { container } = render(<Harness />);
    const section = () => container.querySelector<HTMLElement>('[data-section-rating="LAB"]');
    expect(colourOf(screen.getByTestId('overall'))).toBe('grey');
    await user.click(screen.getByRole('radio', { name: 'Yes' }));
    expect(colourOf(container.querySelector('#question-LAB-01'))).toBe('amber');
    expect(colourOf(section())).toBe('amber');
    await user.click(screen.getByRole('radio', { name: 'The workers' }));
    const question = container.querySelector<HTMLElement>('#question-LAB-02')!;
    expect(colourOf(question)).toBe('red');
    expect(within(question).getByText('Red')).toBeInTheDocument();
    expect(colourOf(section())).toBe('red');
    expect(colourOf(screen.getByTestId('overall'))).toBe('red');
    expect(colourOf(container.querySelector('[data-section-rating="ENV"]'))).toBe('grey');
    // Hiding the red answer's question takes its colour out of the rating.
    await user.click(screen.getByRole('radio', { name: 'No' }));
    expect(colourOf(section())).toBe('green');
    expect(colourOf(screen.getByTestId('overall'))).toBe('green');
  });

  it('works on its own answers without onChange (a preview), in the chosen language with English as fallback', async () => {
    const user = userEvent.setup();
    render(
      <MantineProvider>
        <QuestionnaireView definition={definition} answers={{}} language="fr" />
      </MantineProvider>,
    );
    await user.click(screen.getByRole('radio', { name: 'Oui' }));
    expect(screen.getByText('Workers must never pay.')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Les travailleurs' })).toBeInTheDocument();
  });

  it('shows a read-only answer as text', () => {
    render(
      <MantineProvider>
        <QuestionnaireView definition={definition} answers={{ 'LAB-01': { value: 'yes', notApplicable: false, comment: 'Two agencies' } }} readOnly language="en" />
      </MantineProvider>,
    );
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
    expect(screen.getByText('Yes')).toBeInTheDocument();
    expect(screen.getByText('Two agencies')).toBeInTheDocument();
  });
});
