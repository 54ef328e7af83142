import { Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { QueryState } from '../../components/states';
import { formatDate } from '../../lib/format';
import { ContractSummaries } from './contract-summaries';
import type { Dashboard } from './dashboard-types';
import { DeadlineFigures, FollowUpFigures, MoneyFigures } from './portfolio-figures';
import { RagDistribution } from './rag-distribution';
import { TrendChart } from './trend-chart';

const PAGE = 25;

/** The buyer's and auditor's portfolio: overall figures (first page) and the contracts, page by page. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const query = useInfiniteQuery({
    queryKey: ['dashboard'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/api/v1/dashboard', { params: { query: { limit: PAGE, after: pageParam } } })) as unknown as Dashboard,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return (
    <Stack gap="lg">
      <Title order={1}>{t('nav.dashboard')}</Title>
      <QueryState query={query}>
        {({ pages }) => {
          const first = pages[0];
          const { overall } = first;
          return (
            <>
              <Text c="dimmed">{t('dashboard.asOf', { date: formatDate(first.asOf) })}</Text>
              <Stack gap="sm" component="section">
                <Title order={2} size="h3">
                  {t('dashboard.rag.title')}
                </Title>
                <RagDistribution assessments={overall.assessments} />
              </Stack>
              <DeadlineFigures overall={overall} />
              <FollowUpFigures overall={overall} />
              <MoneyFigures overall={overall} />
              <Stack gap="sm" component="section">
                <Title order={2} size="h3">
                  {t('dashboard.trend.title')}
                </Title>
                <TrendChart trend={first.trend} />
              </Stack>
              <Stack gap="sm" component="section">
                <Title order={2} size="h3">
                  {t('dashboard.contracts.title')}
                </Title>
                <ContractSummaries
                  contracts={pages.flatMap((p) => p.contracts)}
                  hasMore={query.hasNextPage}
                  loading={query.isFetchingNextPage}
                  loadMore={() => void query.fetchNextPage()}
                />
              </Stack>
            </>
          );
        }}
      </QueryState>
    </Stack>
  );
}
