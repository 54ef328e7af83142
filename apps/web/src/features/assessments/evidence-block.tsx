import { Anchor, Button, Collapse, Group, List, Paper, Stack, Text, TextInput } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { evidenceRuleOf, type QuestionDefinition } from '@ddp/definition';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/problem';
import { ErrorMessage } from '../../components/states';
import { formatDate } from '../../lib/format';
import { downloadFile, type Evidence, uploadEvidence } from './assessment-api';

const MAX_BYTES = 25 * 1024 * 1024;

/** The evidence files of one question, a download link for each, and (while open) an upload with its document date. */
export function EvidenceBlock({ assessmentId, question, files, canUpload, onUploaded }: { assessmentId: string; question: QuestionDefinition; files: Evidence[]; canUpload: boolean; onUploaded: (e: Evidence) => void }) {
  const { t } = useTranslation();
  const rule = evidenceRuleOf(question);
  const [open, setOpen] = useState(false);
  if (!canUpload && files.length === 0) return null;
  return (
    <Stack gap={4}>
      {rule.required !== 'never' && (
        <Text size="sm" fw={600}>
          {rule.required === 'always' ? t('assessments.evidence.required') : t('assessments.evidence.requiredWhen')}
        </Text>
      )}
      {files.length > 0 && (
        <List size="sm" aria-label={t('assessments.evidence.files', { code: question.code })}>
          {files.map((f) => (
            <List.Item key={f.id}>
              <EvidenceLink file={f} /> · {t('assessments.evidence.dated', { date: formatDate(f.documentDate) })}
            </List.Item>
          ))}
        </List>
      )}
      {canUpload && (
        <>
          <Group>
            <Button size="xs" variant="subtle" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-controls={`evidence-form-${question.code}`}>
              {t('assessments.evidence.add', { code: question.code })}
            </Button>
          </Group>
          <Collapse in={open} id={`evidence-form-${question.code}`}>
            {open && <EvidenceUpload assessmentId={assessmentId} questionCode={question.code} onUploaded={onUploaded} />}
          </Collapse>
        </>
      )}
    </Stack>
  );
}

export function EvidenceLink({ file }: { file: Evidence }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <Anchor
        component="button"
        type="button"
        onClick={() => {
          setError(null);
          downloadFile(`/api/v1/evidence/${file.id}`, file.fileName).catch(setError);
        }}
        aria-label={t('assessments.evidence.download', { name: file.fileName })}
      >
        {file.fileName}
      </Anchor>
      {error !== null && (
        <Text span size="sm" c="red.9" role="alert">
          {' '}
          {t('assessments.evidence.downloadFailed')}
        </Text>
      )}
    </>
  );
}

function EvidenceUpload({ assessmentId, questionCode, onUploaded }: { assessmentId: string; questionCode: string; onUploaded: (e: Evidence) => void }) {
  const { t } = useTranslation();
  const openRef = useRef<() => void>(null);
  const [file, setFile] = useState<File | null>(null);
  const [documentDate, setDocumentDate] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const upload = useMutation({
    mutationFn: () => uploadEvidence(assessmentId, questionCode, file!, documentDate),
    onSuccess: (evidence) => {
      onUploaded(evidence);
      setFile(null);
      setDocumentDate('');
      setTried(false);
    },
  });
  const fields = isApiError(upload.error) ? upload.error.fieldErrors : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setTried(true);
    if (!file) return setLocalError(t('assessments.evidence.noFile'));
    setLocalError(null);
    if (!documentDate) return;
    upload.mutate();
  };
  return (
    <Paper withBorder p="sm" mt="xs">
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Dropzone
            openRef={openRef}
            activateOnClick={false}
            activateOnKeyboard={false}
            multiple={false}
            maxSize={MAX_BYTES}
            onDrop={(files) => {
              setFile(files[0] ?? null);
              setLocalError(null);
            }}
            onReject={() => setLocalError(t('assessments.evidence.tooLarge'))}
            // The drop zone's own file input (the picker, a drop) needs a name too.
            inputProps={{ 'aria-label': t('assessments.evidence.choose') }}
            // Mantine turns pointer events off inside a drop zone: without this, "Choose a file" cannot be clicked.
            enablePointerEvents
          >
            <Stack gap={4} align="center" py="sm">
              <Text size="sm">{t('assessments.evidence.drop')}</Text>
              <Button size="xs" variant="light" onClick={() => openRef.current?.()}>
                {t('assessments.evidence.choose')}
              </Button>
              <Text size="sm" aria-live="polite">
                {file ? t('assessments.evidence.chosen', { name: file.name }) : t('assessments.evidence.noneChosen')}
              </Text>
            </Stack>
          </Dropzone>
          <TextInput
            type="date"
            label={t('assessments.evidence.documentDate')}
            description={t('assessments.evidence.documentDateHelp')}
            required
            value={documentDate}
            onChange={(e) => setDocumentDate(e.currentTarget.value)}
            error={fields.documentDate ?? (tried && !documentDate ? t('assessments.evidence.dateRequired') : undefined)}
            maw={220}
          />
          {localError && (
            <Text size="sm" c="red.9" role="alert">
              {localError}
            </Text>
          )}
          {upload.isError && !fields.documentDate && <ErrorMessage error={upload.error} />}
          <Group>
            <Button type="submit" size="xs" loading={upload.isPending}>
              {t('action.upload')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
