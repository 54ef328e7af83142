import { Button, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { TemplateDefinition } from '@ddp/definition';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RagBadge } from '../../components/rag-badge';
import { QueryState } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { type Assessment, answersOf, fetchRevision } from './assessment-api';
import { QuestionnaireView } from './questionnaire-view';

/** The revisions (clarification rounds) of an assessment; a past one opens read-only. */
export function RevisionsPanel({ assessment, definition, language }: { assessment: Assessment; definition: TemplateDefinition; language: string }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<number | null>(null);
  if (assessment.revisions.length === 0) return null;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('assessments.revisions.title')}
        </Title>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('assessments.revisions.number')}</Table.Th>
              <Table.Th scope="col">{t('assessments.revisions.opened')}</Table.Th>
              <Table.Th scope="col">{t('assessments.revisions.submitted')}</Table.Th>
              <Table.Th scope="col">{t('assessments.revisions.colour')}</Table.Th>
              <Table.Th scope="col">{t('assessments.revisions.decision')}</Table.Th>
              <Table.Th scope="col">{t('assessments.revisions.view')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {assessment.revisions.map((r) => (
              <Table.Tr key={r.number}>
                <Table.Td>{r.number}</Table.Td>
                <Table.Td>{formatDateTime(r.openedAt)}</Table.Td>
                <Table.Td>{formatDateTime(r.submittedAt)}</Table.Td>
                <Table.Td>
                  <RagBadge colour={r.colour} />
                </Table.Td>
                <Table.Td>{r.decision ? t(`assessments.decision.${r.decision}`) : '—'}</Table.Td>
                <Table.Td>
                  {r.number !== assessment.revision || r.submittedAt ? (
                    <Button size="xs" variant="light" onClick={() => setShown(r.number)}>
                      {t('assessments.revisions.open', { number: r.number })}
                    </Button>
                  ) : (
                    <Text size="sm">{t('assessments.revisions.current')}</Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
      <Modal opened={shown !== null} onClose={() => setShown(null)} size="xl" title={t('assessments.revisions.modal', { number: shown ?? 0 })} closeButtonProps={{ 'aria-label': t('action.close') }}>
        {shown !== null && <RevisionView id={assessment.id} number={shown} definition={definition} language={language} />}
      </Modal>
    </Paper>
  );
}

function RevisionView({ id, number, definition, language }: { id: string; number: number; definition: TemplateDefinition; language: string }) {
  const query = useQuery({ queryKey: ['assessments', 'revision', id, number], queryFn: () => fetchRevision(id, number), staleTime: Infinity });
  return (
    <QueryState query={query}>
      {(revision) => (
        <Stack>
          <RagBadge colour={revision.colour} />
          <QuestionnaireView definition={definition} answers={answersOf(revision)} readOnly language={language} headingOrder={3} idPrefix={`revision-${number}-`} />
        </Stack>
      )}
    </QueryState>
  );
}
