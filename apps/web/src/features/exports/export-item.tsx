import { Alert, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { downloadFile } from '../../api/files';
import { unwrap } from '../../api/problem';
import { ErrorMessage, QueryState } from '../../components/states';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { useContractChoices } from '../contracts/contract-api';
import { type Export, isFinished } from './export-types';

export const POLL_MS = 2000;

/** Fetches the workbook with the session's token and hands it to the browser under its file name. */
async function download(exp: Export): Promise<void> {
  await downloadFile(`/api/v1/exports/${exp.id}/file`, { fileName: exp.fileName, fallbackName: `export-${exp.id}.xlsx` });
}

/** One export: followed every 2 s until done (then downloadable) or failed (with its error). */
export function ExportItem({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['export', id],
    queryFn: async (): Promise<Export> => unwrap(await api.GET('/api/v1/exports/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (isFinished(q.state.data) || q.state.status === 'error' ? false : POLL_MS),
    staleTime: 0,
  });
  const save = useMutation({ mutationFn: download });
  const contracts = useContractChoices();
  const scopeText = (exp: Export) => {
    if (exp.scope.portfolio) return t('exports.scope.portfolio');
    const ids = exp.scope.contractIds ?? [];
    const references = ids.map((cid) => contracts.data?.find((c) => c.id === cid)?.reference);
    return ids.length > 0 && ids.length <= 5 && references.every(Boolean) ? references.join(', ') : t('exports.scope.count', { count: ids.length });
  };
  return (
    <Paper withBorder p="md" component="li">
      <QueryState query={query}>
        {(exp) => {
          const { rowsWritten, rowsTotal } = exp.progress;
          const percent = exp.status === 'done' ? 100 : rowsTotal ? Math.min(100, (rowsWritten / rowsTotal) * 100) : 0;
          const rows = rowsTotal != null ? t('exports.rows', { written: formatNumber(rowsWritten), total: formatNumber(rowsTotal) }) : t('exports.rowsUnknown', { written: formatNumber(rowsWritten) });
          return (
            <Stack gap="xs">
              <Group justify="space-between" wrap="wrap">
                <Text fw={600}>
                  {scopeText(exp)}
                  {(exp.from || exp.to) && ` · ${formatDate(exp.from)} – ${formatDate(exp.to)}`}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('exports.requestedAt', { date: formatDateTime(exp.createdAt) })}
                </Text>
              </Group>
              <Text aria-live="polite" size="sm">
                {t(`exports.status.${exp.status}`)}
              </Text>
              {exp.status !== 'failed' && (
                <>
                  <Progress.Root
                    size="lg"
                    role="progressbar"
                    aria-label={t('exports.progress')}
                    aria-valuemin={0}
                    aria-valuemax={rowsTotal ?? undefined}
                    aria-valuenow={rowsTotal != null ? rowsWritten : undefined}
                    aria-valuetext={rows}
                  >
                    <Progress.Section value={percent} withAria={false} color={exp.status === 'done' ? 'green.9' : 'blue.8'} />
                  </Progress.Root>
                  <Text size="sm">{rows}</Text>
                </>
              )}
              {exp.status === 'done' && (
                <Group>
                  <Button onClick={() => save.mutate(exp)} loading={save.isPending}>
                    {t('exports.download', { file: exp.fileName ?? '' })}
                  </Button>
                  {exp.sizeBytes != null && (
                    <Text size="sm" c="dimmed">
                      {formatNumber(exp.sizeBytes / 1024, { maximumFractionDigits: 0 })} KB · {t('exports.expiresAt', { date: formatDateTime(exp.expiresAt) })}
                    </Text>
                  )}
                </Group>
              )}
              {save.isError && <ErrorMessage error={save.error} />}
              {exp.status === 'failed' && (
                <Alert color="red" title={t('exports.failed')} role="alert">
                  {exp.error ?? t('state.error')}
                </Alert>
              )}
            </Stack>
          );
        }}
      </QueryState>
    </Paper>
  );
}
