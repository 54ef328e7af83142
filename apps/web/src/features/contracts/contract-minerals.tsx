import { Anchor, Badge, Button, FileInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { isApiError, unwrap } from '../../api/problem';
import { ErrorMessage, QueryState, LoadMore } from '../../components/states';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { type Contract, uploadMineralsReport } from './contract-api';

/** The contract's minerals reports (CMRT / EMRT), newest first; its supplier uploads a new one. */
export function ContractMinerals({ contract }: { contract: Contract }) {
  const { t } = useTranslation();
  const reports = useInfiniteQuery({
    queryKey: ['contract', contract.id, 'minerals'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/api/v1/contracts/{id}/minerals-reports', { params: { path: { id: contract.id }, query: { after: pageParam, limit: 20 } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('contracts.tab.minerals')}
      </Title>
      <Anchor component={Link} to={`/smelters?contractId=${contract.id}`} w="fit-content">
        {t('contracts.minerals.smelters')}
      </Anchor>
      {contract.role === 'supplier' && <UploadReport contractId={contract.id} />}
      <QueryState query={reports} isEmpty={(d) => d.pages[0].items.length === 0} empty={t('contracts.minerals.none')}>
        {(data) => (
          <>
            <Table.ScrollContainer minWidth={800}>
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('contracts.minerals.template')}</Table.Th>
                    <Table.Th scope="col">{t('contracts.minerals.status')}</Table.Th>
                    <Table.Th scope="col">{t('contracts.minerals.company')}</Table.Th>
                    <Table.Th scope="col">{t('contracts.minerals.effectiveDate')}</Table.Th>
                    <Table.Th scope="col">{t('contracts.minerals.smelterCount')}</Table.Th>
                    <Table.Th scope="col">{t('contracts.minerals.mineCount')}</Table.Th>
                    <Table.Th scope="col">{t('contracts.minerals.uploadedAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.pages
                    .flatMap((p) => p.items)
                    .map((r) => {
                      const file = r.file as { name?: string };
                      return (
                        <Table.Tr key={r.id}>
                          <Table.Td>
                            {r.kind} {r.version}
                            {file.name && (
                              <Text size="xs" c="dimmed">
                                {file.name}
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td>
                            <Badge variant="outline" radius="sm" color={r.status === 'current' ? 'green.9' : 'gray.7'}>
                              {t(`contracts.minerals.status.${r.status}`)}
                            </Badge>
                          </Table.Td>
                          <Table.Td>
                            {r.companyName}
                            <Text size="xs" c="dimmed">
                              {r.scope}
                            </Text>
                          </Table.Td>
                          <Table.Td>{formatDate(r.effectiveDate)}</Table.Td>
                          <Table.Td>{formatNumber(r.smelterCount)}</Table.Td>
                          <Table.Td>{r.kind === 'EMRT' ? formatNumber(r.mineCount) : '—'}</Table.Td>
                          <Table.Td>{formatDateTime(r.uploadedAt, contract.timeZone)}</Table.Td>
                        </Table.Tr>
                      );
                    })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <LoadMore query={reports} />
          </>
        )}
      </QueryState>
    </Stack>
  );
}

function UploadReport({ contractId }: { contractId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: (f: File) => uploadMineralsReport(contractId, f),
    onSuccess: (report) => {
      setFile(null);
      notifications.show({ color: 'green', message: t('contracts.minerals.uploaded', { kind: report.kind, version: report.version, smelters: report.smelterCount }) });
      void queryClient.invalidateQueries({ queryKey: ['contract', contractId, 'minerals'] });
      void queryClient.invalidateQueries({ queryKey: ['smelters'] });
    },
  });
  const problems = isApiError(upload.error) && upload.error.status === 422 ? (upload.error.problem.errors ?? []) : [];
  const fileError = isApiError(upload.error) ? upload.error.fieldErrors.file : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file) upload.mutate(file);
  };
  return (
    <Paper withBorder p="md" maw={860}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('contracts.minerals.upload')}
          </Title>
          <Text size="sm">{t('contracts.minerals.uploadHint')}</Text>
          <FileInput
            label={t('contracts.minerals.file')}
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            clearable
            clearButtonProps={{ 'aria-label': t('contracts.minerals.clearFile') }}
            value={file}
            onChange={setFile}
            error={problems.length === 0 ? fileError : undefined}
            placeholder={t('contracts.minerals.choose')}
          />
          <Button type="submit" w="fit-content" loading={upload.isPending} disabled={!file}>
            {t('action.upload')}
          </Button>
          {upload.isError && problems.length === 0 && !fileError && <ErrorMessage error={upload.error} />}
          {problems.length > 0 && (
            <Stack gap="xs" role="alert">
              <Text fw={600} c="red.9">
                {t('contracts.minerals.problems', { count: problems.length })}
              </Text>
              <Table.ScrollContainer minWidth={500} mah={400}>
                <Table withTableBorder striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('contracts.minerals.cell')}</Table.Th>
                      <Table.Th scope="col">{t('contracts.minerals.message')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {problems.map((p, i) => (
                      <Table.Tr key={`${p.field}-${i}`}>
                        <Table.Td ff="monospace">{p.field}</Table.Td>
                        <Table.Td>{p.message}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
