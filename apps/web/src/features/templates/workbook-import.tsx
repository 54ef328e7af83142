import { Button, FileInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/problem';
import { ErrorMessage } from '../../components/states';
import { importWorkbook } from './template-api';

/** Creates a draft from a template workbook; the problems of a rejected workbook are listed by cell. */
export function WorkbookImport() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: (f: File) => importWorkbook(f),
    onSuccess: (created) => {
      notifications.show({ message: t('templates.workbook.imported'), color: 'green' });
      void queryClient.invalidateQueries({ queryKey: ['templates'] });
      void navigate(`/templates/${created.id}`);
    },
  });
  const cellErrors = isApiError(upload.error) ? (upload.error.problem.errors ?? []) : [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file) upload.mutate(file);
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="tpl-import-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="tpl-import-heading">
            {t('templates.workbook.importTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('templates.workbook.importHint')}
          </Text>
          <FileInput
            label={t('templates.workbook.file')}
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            clearable
            clearButtonProps={{ 'aria-label': t('templates.workbook.clear') }}
            w={360}
            onChange={(f) => {
              setFile(f);
              upload.reset();
            }}
          />
          <Button type="submit" w="fit-content" disabled={!file} loading={upload.isPending}>
            {t('templates.workbook.import')}
          </Button>
          {upload.isError && <ErrorMessage error={upload.error} />}
          {cellErrors.length > 0 && (
            <Table striped>
              <Table.Caption>{t('templates.workbook.errors', { count: cellErrors.length })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('templates.workbook.cell')}</Table.Th>
                  <Table.Th scope="col">{t('templates.workbook.problem')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cellErrors.map((e, i) => (
                  <Table.Tr key={`${e.field}-${i}`}>
                    <Table.Td ff="monospace">{e.field}</Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
