import { MantineProvider } from '@mantine/core';
import type { TemplateDefinition } from '@ddp/definition';
import axe from 'axe-core';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import '../../i18n/i18n';
import i18n from '../../i18n/i18n';
import { addQuestion, addRange, addSection, emptyDefinition, placeErrors, setCondition, setQuestionText, setQuestionType, setSectionTitle, setTitle } from './definition-editing';
import { TemplateWorkspace } from './template-workspace';

function Harness({ initial, errors = {} }: { initial: TemplateDefinition; errors?: Record<string, string> }) {
  const [definition, setDefinition] = useState(initial);
  const placed = placeErrors(definition, errors);
  return (
    <MantineProvider>
      <TemplateWorkspace definition={definition} onChange={setDefinition} errors={placed.placed} unplaced={placed.unplaced} readOnly={false} />
    </MantineProvider>
  );
}

function start(): TemplateDefinition {
  let d = emptyDefinition(['en']);
  d = setTitle(d, 'en', 'Quick scan');
  d = addSection(d);
  return setSectionTitle(d, 0, 'en', 'Working conditions');
}

function preview(): HTMLElement {
  return screen.getByRole('region', { name: /Preview/ });
}

describe('template workspace', () => {
  it('shows a question and a choice added in the editor in the preview', async () => {
    await i18n.changeLanguage('en');
    const user = userEvent.setup();
    render(<Harness initial={start()} />);
    expect(within(preview()).queryByText('Do you pay a living wage?')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Add a question to Section S1' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Answer type' }), 'single_choice');
    await user.click(screen.getByRole('textbox', { name: /^Question \(English\)/ }));
    await user.paste('Do you pay a living wage?');
    expect(await within(preview()).findByText('Do you pay a living wage?')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add a choice' }));
    const labels = screen.getAllByRole('textbox', { name: /^Label \(English\)/ });
    expect(labels).toHaveLength(3);
    await user.click(labels[2]);
    await user.paste('Partly');
    expect(await within(preview()).findByLabelText('Partly')).toBeInTheDocument();
  }, 30_000);

  it('shows API errors next to the field they name, and the others in a list', async () => {
    await i18n.changeLanguage('en');
    render(
      <Harness
        initial={start()}
        errors={{ 'sections[0].code': 'must be unique', '': 'give either definition or copyOf' }}
      />,
    );
    expect(screen.getByRole('textbox', { name: /Section code/ })).toHaveAccessibleDescription(expect.stringContaining('must be unique'));
    expect(screen.getByRole('alert')).toHaveTextContent('give either definition or copyOf');
  });

  it('has no serious accessibility problem (axe)', async () => {
    await i18n.changeLanguage('en');
    let d = addQuestion(addQuestion(addQuestion(start(), 0), 0), 0);
    d = setQuestionType(d, 0, 1, 'multiple_choice');
    d = addRange(setQuestionType(d, 0, 2, 'number'), 0, 2);
    d = setCondition(d, 0, 1, { questionCode: 'S1-1', anyOf: ['yes'] });
    for (const q of [0, 1, 2]) d = setQuestionText(d, 0, q, 'en', `Question ${q + 1}`);
    const { container } = render(<Harness initial={d} errors={{ 'sections[0].questions[0].code': 'must be unique' }} />);
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }, 60_000);
});
