import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import type { UseInfiniteQueryResult, UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/problem';
import { NotFound } from './not-found';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader size="sm" mr="sm" aria-hidden />
      <Text>{label ?? t('state.loading')}</Text>
    </Center>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Text c="dimmed" py="md">
      {children ?? t('state.empty')}
    </Text>
  );
}

/** An API error as a message (the problem's detail), with a retry when given. */
export function ErrorMessage({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useTranslation();
  const detail = isApiError(error) ? error.problem.detail ?? error.problem.title : undefined;
  return (
    <Alert color="red" title={t('state.error')} role="alert">
      <Stack gap="xs">
        {detail && <Text size="sm">{detail}</Text>}
        {retry && (
          <Button size="xs" variant="light" onClick={retry} w="fit-content">
            {t('state.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/**
 * A query's loading, error (404 → the not-found page) and empty states, else its content:
 * `<QueryState query={q} isEmpty={(d) => d.items.length === 0}>{(data) => …}</QueryState>`.
 */
export function QueryState<T>({ query, isEmpty, empty, children }: { query: UseQueryResult<T>; isEmpty?: (data: T) => boolean; empty?: ReactNode; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) return <NotFound />;
    return <ErrorMessage error={query.error} retry={() => void query.refetch()} />;
  }
  if (isEmpty?.(query.data)) return <Empty>{empty}</Empty>;
  return <>{children(query.data)}</>;
}

/** "More" under a paged list: fetches the next page of an infinite query while there is one. */
export function LoadMore({ query }: { query: Pick<UseInfiniteQueryResult, 'hasNextPage' | 'fetchNextPage' | 'isFetchingNextPage'> }) {
  const { t } = useTranslation();
  if (!query.hasNextPage) return null;
  return (
    <Button variant="light" w="fit-content" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
      {t('action.more')}
    </Button>
  );
}
