import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import type { TemplateDefinition, TemplateLanguage } from '@ddp/definition';
import { Component, type ReactNode, useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RagBadge } from '../../components/rag-badge';
import { LANGUAGE_NAMES } from '../../i18n/i18n';
import { type AnswerMap, type DraftAnswer, QuestionnaireView, useLiveRating } from '../assessments/questionnaire-view';

/** The questionnaire as the supplier will see it, with answers kept here only (never saved) to try conditions and colours. */
export function TemplatePreview({ definition: current }: { definition: TemplateDefinition }) {
  // Typing in the editor stays quick: the preview follows when the browser has time.
  const definition = useDeferredValue(current);
  const { t, i18n } = useTranslation();
  const [chosen, setChosen] = useState<TemplateLanguage | null>(null);
  const [answers, setAnswers] = useState<AnswerMap>({});
  const languages = definition.languages;
  const language = chosen && languages.includes(chosen) ? chosen : languages.includes(i18n.language as TemplateLanguage) ? (i18n.language as TemplateLanguage) : languages[0] ?? 'en';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="tpl-preview-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="tpl-preview-heading">
          {t('templates.preview.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('templates.preview.hint')}
        </Text>
        <Group align="flex-end">
          <NativeSelect
            label={t('templates.preview.language')}
            value={language}
            data={languages.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
            onChange={(e) => setChosen(e.currentTarget.value as TemplateLanguage)}
          />
          <Button variant="default" onClick={() => setAnswers({})}>
            {t('templates.preview.clear')}
          </Button>
        </Group>
        <PreviewBoundary resetKey={definition}>
          <Overall definition={definition} answers={answers} />
          <div lang={language}>
            <QuestionnaireView
              definition={definition}
              answers={answers}
              onChange={(code: string, answer: DraftAnswer) => setAnswers((prev) => ({ ...prev, [code]: answer }))}
              language={language}
              headingOrder={3}
            />
          </div>
        </PreviewBoundary>
      </Stack>
    </Paper>
  );
}

function Overall({ definition, answers }: { definition: TemplateDefinition; answers: AnswerMap }) {
  const { t } = useTranslation();
  const live = useLiveRating(definition, answers);
  return (
    <Group gap="xs">
      <Text fw={600}>{t('templates.preview.overall')}</Text>
      <RagBadge colour={live.rating.colour} />
    </Group>
  );
}

/** A draft may be incomplete in ways the rating code does not expect: the preview then says so instead of breaking the editor. */
class PreviewBoundary extends Component<{ resetKey: unknown; children: ReactNode }, { failed: boolean; key: unknown }> {
  state = { failed: false, key: this.props.resetKey };

  static getDerivedStateFromError(): Partial<{ failed: boolean }> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: { resetKey: unknown }, state: { failed: boolean; key: unknown }) {
    return props.resetKey === state.key ? null : { failed: false, key: props.resetKey };
  }

  render() {
    return this.state.failed ? <PreviewFailed /> : this.props.children;
  }
}

function PreviewFailed() {
  const { t } = useTranslation();
  return <Alert color="yellow">{t('templates.preview.failed')}</Alert>;
}
