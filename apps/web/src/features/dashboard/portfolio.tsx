import { Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { NotFound } from '../../components/not-found';
import { QueryState } from '../../components/states';
import { formatDate } from '../../lib/format';
import { ContractSummaries } from './contract-summaries';
import type { Dashboard } from './dashboard-types';
import { DeadlineFigures, FollowUpFigures, MoneyFigures, Section } from './portfolio-figures';
import { RagDistribution } from './rag-distribution';
import { TrendChart } from './trend-chart';

const PAGE = 25;

/**
 * The portfolio figures (overall, from the first page) and the contracts page by page: the whole
 * portfolio, or one supplier's contracts (`supplierId`). `header` renders the page's heading from
 * the first page; null there means the page is not found (no contract of that supplier is yours).
 */
export function Portfolio({ supplierId, header }: { supplierId?: string; header: (first: Dashboard) => ReactNode | null }) {
  const { t } = useTranslation();
  const query = useInfiniteQuery({
    queryKey: ['dashboard', supplierId ?? 'all'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }): Promise<Dashboard> => unwrap(await api.GET('/api/v1/dashboard', { params: { query: { limit: PAGE, after: pageParam, supplierId } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return (
    <QueryState query={query}>
      {({ pages }) => {
        const first = pages[0];
        const heading = header(first);
        if (heading === null) return <NotFound />;
        const { overall } = first;
        return (
          <Stack gap="lg">
            {heading}
            <Text c="dimmed">{t('dashboard.asOf', { date: formatDate(first.asOf) })}</Text>
            <Section title={t('dashboard.rag.title')}>
              <RagDistribution assessments={overall.assessments} />
            </Section>
            <DeadlineFigures overall={overall} />
            <FollowUpFigures overall={overall} />
            <MoneyFigures overall={overall} />
            <Section title={t('dashboard.trend.title')}>
              <TrendChart trend={first.trend} />
            </Section>
            <Section title={t('dashboard.contracts.title')}>
              <ContractSummaries contracts={pages.flatMap((p) => p.contracts)} hasMore={query.hasNextPage} loading={query.isFetchingNextPage} loadMore={() => void query.fetchNextPage()} />
            </Section>
          </Stack>
        );
      }}
    </QueryState>
  );
}
