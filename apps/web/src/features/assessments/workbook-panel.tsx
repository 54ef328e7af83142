import { Button, FileInput, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/problem';
import { ErrorMessage } from '../../components/states';
import { type Assessment, downloadFile, uploadWorkbook } from './assessment-api';

/** A cell error of an import: `Questions!E14` with "FL-01: …" → its cell, question code and message. */
export function cellErrors(errors: Array<{ field: string; message: string }>): Array<{ cell: string; code: string; message: string }> {
  return errors.map((e) => {
    const match = /^([A-Z][A-Z0-9_.-]{0,39}):\s*(.*)$/s.exec(e.message);
    return { cell: e.field, code: match?.[1] ?? '', message: match ? match[2] : e.message };
  });
}

/** Named after the contract; read through a share there is none to name (the issuer's contract is not the reader's to know). */
export function workbookFileName(assessment: Pick<Assessment, 'contract'>): string {
  return `${assessment.contract?.reference ?? 'shared'}-questionnaire.xlsx`;
}

/**
 * The offline questionnaire: download the workbook; upload it filled (the answers it changed are
 * saved as a draft). `beforeUpload` sends the form's unsaved changes first.
 */
export function WorkbookPanel({ assessment, canUpload, beforeUpload, onImported }: { assessment: Assessment; canUpload: boolean; beforeUpload: () => Promise<void>; onImported: (a: Assessment) => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const download = useMutation({ mutationFn: () => downloadFile(`/api/v1/assessments/${assessment.id}/workbook`, workbookFileName(assessment)) });
  const upload = useMutation({
    mutationFn: async () => {
      await beforeUpload();
      return uploadWorkbook(assessment.id, file!);
    },
    onSuccess: (result) => {
      setFile(null);
      onImported(result);
    },
  });
  const problem = isApiError(upload.error) ? upload.error : undefined;
  const cells = problem && problem.status === 422 ? cellErrors(problem.problem.errors ?? []) : [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file) upload.mutate();
  };
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('assessments.workbook.title')}
        </Title>
        <Text size="sm">{t('assessments.workbook.help')}</Text>
        <Group>
          <Button variant="light" onClick={() => download.mutate()} loading={download.isPending}>
            {t('assessments.workbook.download')}
          </Button>
        </Group>
        {download.isError && <ErrorMessage error={download.error} />}
        {canUpload && (
          <form onSubmit={submit} noValidate>
            <Group align="flex-end">
              <FileInput
                label={t('assessments.workbook.file')}
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                value={file}
                onChange={setFile}
                clearable
                clearButtonProps={{ 'aria-label': t('assessments.workbook.clearFile') }}
                w={320}
                placeholder={t('assessments.workbook.placeholder')}
              />
              <Button type="submit" disabled={!file} loading={upload.isPending}>
                {t('assessments.workbook.upload')}
              </Button>
            </Group>
          </form>
        )}
        {upload.isSuccess && (
          <Text size="sm" c="green.9" role="status">
            {t('assessments.workbook.imported')}
          </Text>
        )}
        {upload.isError && (
          <>
            {problem?.status === 409 && (
              <Text size="sm" c="red.9" role="alert">
                {problem.problem.code === 'invalid_state' ? t('assessments.workbook.closed') : t('assessments.workbook.conflict')}
              </Text>
            )}
            <ErrorMessage error={upload.error} />
            {cells.length > 0 && (
              <Table striped>
                <Table.Caption>{t('assessments.workbook.errors', { count: cells.length })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('assessments.workbook.cell')}</Table.Th>
                    <Table.Th scope="col">{t('assessments.workbook.question')}</Table.Th>
                    <Table.Th scope="col">{t('assessments.workbook.message')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {cells.map((c, i) => (
                    <Table.Tr key={`${c.cell}-${i}`}>
                      <Table.Td>{c.cell}</Table.Td>
                      <Table.Td>{c.code || '—'}</Table.Td>
                      <Table.Td>{c.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {problem?.status === 409 && (problem.problem.errors?.length ?? 0) > 0 && (
              <ul>
                {problem.problem.errors!.map((e) => (
                  <li key={e.field}>
                    <Text size="sm">
                      {e.field}: {e.message}
                    </Text>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
