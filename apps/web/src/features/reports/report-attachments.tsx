import { Button, Group, Paper, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { ApiError, type Problem } from '../../api/problem';
import { authFetch } from '../../api/session';
import { Empty, ErrorMessage } from '../../components/states';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { downloadEvidence, todayIn } from './lib';

type Evidence = Schemas['EvidenceDto'];

const ACCEPT = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
];

/** The attachments of a report: download for everyone who reads it, upload while the supplier may still change it. */
export function ReportAttachments({ reportId, attachments, canUpload, timeZone }: { reportId: string; attachments: Evidence[]; canUpload: boolean; timeZone?: string }) {
  const { t } = useTranslation();
  const download = useMutation({ mutationFn: (e: Evidence) => downloadEvidence(e.id, e.fileName) });
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('reports.attachments')}
      </Title>
      {download.isError && <ErrorMessage error={download.error} />}
      {attachments.length === 0 ? (
        <Empty>{t('reports.noAttachments')}</Empty>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('reports.file')}</Table.Th>
              <Table.Th scope="col">{t('reports.documentDate')}</Table.Th>
              <Table.Th scope="col">{t('reports.uploadedAt')}</Table.Th>
              <Table.Th scope="col">{t('reports.size')}</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>{t('action.download')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {attachments.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{a.fileName}</Table.Td>
                <Table.Td>{formatDate(a.documentDate)}</Table.Td>
                <Table.Td>{formatDateTime(a.uploadedAt, timeZone)}</Table.Td>
                <Table.Td>{t('reports.kilobytes', { size: formatNumber(Math.max(1, Math.round(a.sizeBytes / 1024))) })}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="light" onClick={() => download.mutate(a)} loading={download.isPending && download.variables?.id === a.id} aria-label={t('reports.downloadFile', { name: a.fileName })}>
                    {t('action.download')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canUpload && <UploadForm reportId={reportId} timeZone={timeZone} />}
    </Stack>
  );
}

function UploadForm({ reportId, timeZone }: { reportId: string; timeZone?: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const openRef = useRef<() => void>(null);
  const [documentDate, setDocumentDate] = useState(() => todayIn(timeZone));
  const upload = useMutation({
    mutationFn: async (file: File) => {
      const body = new FormData();
      body.append('documentDate', documentDate);
      body.append('file', file, file.name);
      const response = await authFetch(new Request(`/api/v1/reports/${encodeURIComponent(reportId)}/attachments`, { method: 'POST', body }));
      if (!response.ok) {
        const problem = (await response.json().catch(() => ({ detail: response.statusText }))) as Problem;
        throw new ApiError(response.status, problem);
      }
      return (await response.json()) as Evidence;
    },
    onSuccess: (created) => {
      notifications.show({ color: 'green', message: t('reports.uploaded', { name: created.fileName }) });
      void queryClient.invalidateQueries({ queryKey: ['report', reportId] });
    },
  });
  const fieldErrors = upload.error instanceof ApiError ? upload.error.fieldErrors : {};
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={3} size="h4">
          {t('reports.addAttachment')}
        </Title>
        <TextInput type="date" label={t('reports.documentDate')} required value={documentDate} onChange={(e) => setDocumentDate(e.currentTarget.value)} error={fieldErrors.documentDate} maw={240} />
        <Dropzone
          openRef={openRef}
          onDrop={(files) => files[0] && upload.mutate(files[0])}
          accept={ACCEPT}
          maxFiles={1}
          multiple={false}
          loading={upload.isPending}
          inputProps={{ 'aria-label': t('reports.chooseFile') }}
        >
          <Text ta="center" py="md">
            {t('reports.dropHere')}
          </Text>
        </Dropzone>
        <Group>
          <Button variant="light" onClick={() => openRef.current?.()} loading={upload.isPending} disabled={!documentDate}>
            {t('reports.chooseFile')}
          </Button>
          <Text size="sm" c="dimmed">
            {t('reports.fileTypes')}
          </Text>
        </Group>
        {upload.isError && <ErrorMessage error={upload.error} />}
      </Stack>
    </Paper>
  );
}
