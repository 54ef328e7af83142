import { Alert, Button, Fieldset, Group, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Schemas } from '../../api/client';
import { downloadFile } from '../../api/files';
import { ApiError, isApiError, type Problem, unwrap } from '../../api/problem';
import { authFetch } from '../../api/session';
import { ErrorMessage } from '../../components/states';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';

export type Evidence = Schemas['EvidenceDto'];

/** The ETag the API expects in If-Match for a record's version. */
export const ifMatch = (version: number): string => `"${version}"`;

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Downloads an evidence file with the session's token and hands it to the browser. */
export async function downloadEvidence(e: Pick<Evidence, 'id' | 'fileName'>): Promise<void> {
  await downloadFile(`/api/v1/evidence/${e.id}`, { fileName: e.fileName, fallbackName: e.fileName });
}

/** Evidence files: name, document date, upload time, size, SHA-256, and a download button. */
export function EvidenceTable({ items }: { items: Evidence[] }) {
  const { t } = useTranslation();
  const download = useMutation({ mutationFn: downloadEvidence });
  if (items.length === 0) return <Text size="sm" c="dimmed">{t('review.evidence.none')}</Text>;
  return (
    <Stack gap="xs">
      {download.isError && <ErrorMessage error={download.error} />}
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('review.evidence.file')}</Table.Th>
            <Table.Th scope="col">{t('review.evidence.documentDate')}</Table.Th>
            <Table.Th scope="col">{t('review.evidence.uploadedAt')}</Table.Th>
            <Table.Th scope="col">{t('review.evidence.sha256')}</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t('action.download')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                {e.fileName}
                <Text size="xs" c="dimmed">
                  {e.contentType} · {formatNumber(Math.ceil(e.sizeBytes / 1024))} kB
                </Text>
              </Table.Td>
              <Table.Td>{formatDate(e.documentDate)}</Table.Td>
              <Table.Td>{formatDateTime(e.uploadedAt)}</Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {e.sha256}
                </Text>
              </Table.Td>
              <Table.Td>
                <Button size="xs" variant="light" aria-label={`${t('action.download')} ${e.fileName}`} loading={download.isPending && download.variables?.id === e.id} onClick={() => download.mutate(e)}>
                  {t('action.download')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** Uploads one file (multipart: file + documentDate) to `url`; a drop zone plus a real button for keyboards. */
export function EvidenceUpload({ url, onUploaded, label }: { url: string; onUploaded: (e: Evidence) => void; label?: string }) {
  const { t } = useTranslation();
  const openRef = useRef<() => void>(null);
  const [file, setFile] = useState<File | null>(null);
  const [documentDate, setDocumentDate] = useState(today());
  const upload = useMutation({
    mutationFn: async () => {
      if (!file) throw new ApiError(400, { detail: t('review.evidence.chooseFile'), errors: [{ field: 'file', message: t('review.evidence.chooseFile') }] });
      const body = new FormData();
      body.append('file', file);
      body.append('documentDate', documentDate);
      const response = await authFetch(new Request(url, { method: 'POST', body }));
      const json = (await response.json().catch(() => ({}))) as unknown;
      if (!response.ok) throw new ApiError(response.status, json as Problem);
      return json as Evidence;
    },
    onSuccess: (e) => {
      setFile(null);
      onUploaded(e);
    },
  });
  const fields = isApiError(upload.error) ? upload.error.fieldErrors : {};
  return (
    <Fieldset legend={label ?? t('review.evidence.add')}>
      <Stack gap="xs">
        {/* enablePointerEvents: Mantine turns pointer events off inside a drop zone, so "Choose a file" could not be clicked. */}
        <Dropzone openRef={openRef} onDrop={(files) => setFile(files[0] ?? null)} multiple={false} activateOnClick={false} activateOnKeyboard={false} enablePointerEvents inputProps={{ 'aria-label': t('review.evidence.choose') }} p="sm">
          <Group justify="space-between">
            <Text size="sm">{file ? file.name : t('review.evidence.drop')}</Text>
            <Button size="xs" variant="light" onClick={() => openRef.current?.()}>
              {t('review.evidence.choose')}
            </Button>
          </Group>
        </Dropzone>
        {fields.file && (
          <Text size="sm" c="red.8" role="alert">
            {fields.file}
          </Text>
        )}
        <Group align="flex-end">
          <TextInput type="date" label={t('review.evidence.documentDate')} value={documentDate} max={today()} onChange={(e) => setDocumentDate(e.currentTarget.value)} error={fields.documentDate} required />
          <Button onClick={() => upload.mutate()} loading={upload.isPending} disabled={!file}>
            {t('action.upload')}
          </Button>
        </Group>
        {upload.isError && !fields.file && !fields.documentDate && <ErrorMessage error={upload.error} />}
      </Stack>
    </Fieldset>
  );
}

/** A write's failure: 412 offers to reload (the caller re-applies what the user typed), other problems as a message. */
export function WriteError({ error, onReload }: { error: unknown; onReload: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (isApiError(error) && error.status === 412) {
    return (
      <Alert color="orange" title={t('state.stale')} role="alert">
        <Button size="xs" variant="light" onClick={onReload}>
          {t('state.reload')}
        </Button>
      </Alert>
    );
  }
  return <ErrorMessage error={error} />;
}

/** Whole days from today (browser's date) to a calendar date; negative when past. */
export function daysUntil(date: string): number {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  const now = new Date();
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())) / 86_400_000);
}

/** The contract's time zone, for its instants and deadlines (undefined while unknown, unreadable or not named: the browser's). */
export function useContractTimeZone(contractId: string | undefined): string | undefined {
  const contract = useQuery({
    queryKey: ['contract', contractId],
    enabled: contractId !== undefined,
    retry: false,
    queryFn: async () => unwrap(await api.GET('/api/v1/contracts/{id}', { params: { path: { id: contractId! } } })),
  });
  return contract.data?.timeZone;
}
