import { Anchor, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Schemas } from '../../api/client';
import { unwrap } from '../../api/problem';
import { DaysLeft } from '../../components/days-left';
import { RagBadge } from '../../components/rag-badge';
import { QueryState } from '../../components/states';
import { formatDate } from '../../lib/format';
import { isOpen } from './assessment-api';
import { daysUntil } from './days';

type Status = Schemas['AssessmentSummaryDto']['status'];
const STATUSES: Status[] = ['issued', 'in_progress', 'submitted', 'clarification_requested', 'accepted', 'withdrawn'];

/** Every assessment the API lets this organisation read, newest first, with its colour and deadline. */
export default function AssessmentsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status | ''>('');
  const query = useInfiniteQuery({
    queryKey: ['assessments', 'list', status],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET('/api/v1/assessments', { params: { query: { limit: 50, ...(status ? { status } : {}), ...(pageParam ? { after: pageParam } : {}) } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  return (
    <Stack>
      <Title order={1}>{t('assessments.title')}</Title>
      <NativeSelect
        label={t('assessments.filter.status')}
        value={status}
        onChange={(e) => setStatus(e.currentTarget.value as Status | '')}
        data={[{ value: '', label: t('assessments.filter.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`assessments.status.${s}`) }))]}
        maw={320}
      />
      <QueryState query={query} isEmpty={(d) => d.pages[0].items.length === 0} empty={t('assessments.none')}>
        {(data) => (
          <>
            <Table striped highlightOnHover>
              <Table.Caption>{t('assessments.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('assessments.col.contract')}</Table.Th>
                  <Table.Th scope="col">{t('assessments.col.buyer')}</Table.Th>
                  <Table.Th scope="col">{t('assessments.col.supplier')}</Table.Th>
                  <Table.Th scope="col">{t('assessments.col.template')}</Table.Th>
                  <Table.Th scope="col">{t('assessments.col.status')}</Table.Th>
                  <Table.Th scope="col">{t('assessments.col.colour')}</Table.Th>
                  <Table.Th scope="col">{t('assessments.col.due')}</Table.Th>
                  <Table.Th scope="col">{t('assessments.col.daysLeft')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.pages
                  .flatMap((p) => p.items)
                  .map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/assessments/${a.id}`}>
                          {a.contract ? a.contract.reference : t('assessments.sharedBy', { supplier: a.supplier.name })}
                        </Anchor>
                        {a.contract && (
                          <Text size="sm" c="dimmed">
                            {a.contract.title}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{a.authority ? a.authority.name : t('assessments.buyerWithheld')}</Table.Td>
                      <Table.Td>{a.supplier.name}</Table.Td>
                      <Table.Td>
                        {a.template.title}
                        <Text size="sm" c="dimmed">
                          {t('assessments.templateVersion', { version: a.template.versionNumber })}
                        </Text>
                      </Table.Td>
                      <Table.Td>{t(`assessments.status.${a.status}`)}</Table.Td>
                      <Table.Td>
                        <RagBadge colour={a.colour} />
                      </Table.Td>
                      <Table.Td>{formatDate(a.dueDate)}</Table.Td>
                      <Table.Td>{isOpen(a.status) ? <DaysLeft days={daysUntil(a.dueDate)} /> : '—'}</Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
            {query.hasNextPage && (
              <Group>
                <Button variant="light" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
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
