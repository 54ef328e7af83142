import { Anchor, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { type InfiniteData, useInfiniteQuery, type UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, type Schemas } from '../../api/client';
import { unwrap } from '../../api/problem';
import { QueryState } from '../../components/states';
import { formatDate } from '../../lib/format';
import { Lateness, ReportStatusBadge } from './report-status';

type Page = Schemas['ReportPageDto'];
type Status = NonNullable<Schemas['ReportSummaryDto']['status']>;
const STATUSES: Status[] = ['draft', 'submitted', 'returned', 'accepted'];

/** Every report of the contracts the organisation has a part in, newest first, with status and lateness. */
export default function ReportsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = STATUSES.find((s) => s === params.get('status'));
  const query = useInfiniteQuery({
    queryKey: ['reports', { status }],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/api/v1/reports', { params: { query: { status, after: pageParam, limit: 50 } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  return (
    <Stack>
      <Title order={1}>{t('reports.title')}</Title>
      <Text c="dimmed">{t('reports.intro')}</Text>
      <NativeSelect
        label={t('reports.filterStatus')}
        value={status ?? ''}
        maw={260}
        data={[{ value: '', label: t('reports.allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: t(`reports.status.${s}`) }))]}
        onChange={(e) => {
          const next = new URLSearchParams(params);
          if (e.currentTarget.value) next.set('status', e.currentTarget.value);
          else next.delete('status');
          setParams(next, { replace: true });
        }}
      />
      <QueryState query={query as UseQueryResult<InfiniteData<Page>>} isEmpty={(d) => d.pages.every((p) => p.items.length === 0)} empty={t('reports.none')}>
        {(data) => (
          <>
            <Table striped highlightOnHover>
              <Table.Caption>{t('reports.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('reports.period')}</Table.Th>
                  <Table.Th scope="col">{t('reports.contract')}</Table.Th>
                  <Table.Th scope="col">{t('reports.supplier')}</Table.Th>
                  <Table.Th scope="col">{t('reports.dueDate')}</Table.Th>
                  <Table.Th scope="col">{t('reports.statusColumn')}</Table.Th>
                  <Table.Th scope="col">{t('reports.lateness')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.pages
                  .flatMap((p) => p.items)
                  .map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/reports/${r.id}`}>
                          {`${formatDate(r.periodStart)} – ${formatDate(r.periodEnd)}`}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/contracts/${r.contractId}/reports`}>
                          {r.contractReference}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{r.supplier.name}</Table.Td>
                      <Table.Td>{formatDate(r.dueDate)}</Table.Td>
                      <Table.Td>
                        <ReportStatusBadge status={r.status} />
                      </Table.Td>
                      <Table.Td>
                        <Lateness dueDate={r.dueDate} daysLate={r.daysLate} submitted={r.submissionCount > 0} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
            {query.hasNextPage && (
              <Group>
                <Button variant="subtle" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
                  {t('action.more')}
                </Button>
              </Group>
            )}
          </>
        )}
      </QueryState>
    </Stack>
  );
}
