import { Anchor, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { QueryState, LoadMore } from '../../components/states';
import { formatDate } from '../../lib/format';
import { OverdueBadge, PLAN_STATUSES, type PlanStatus, PlanStatusBadge } from './labels';

/** Corrective action plans, filtered by status and overdue (and by contract when given). */
export function PlansList({ contractId }: { contractId?: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<PlanStatus | ''>('');
  const [overdue, setOverdue] = useState<'true' | 'false' | ''>('');
  const query = useInfiniteQuery({
    queryKey: ['action-plans', { contractId, status, overdue }],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET('/api/v1/action-plans', { params: { query: { contractId, status: status || undefined, overdue: overdue || undefined, after: pageParam, limit: 50 } } })),
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  return (
    <Stack>
      <Group align="flex-end">
        <NativeSelect
          label={t('plans.statusLabel')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as PlanStatus | '')}
          data={[{ value: '', label: t('plans.all') }, ...PLAN_STATUSES.map((s) => ({ value: s, label: t(`plans.status.${s}`) }))]}
        />
        <NativeSelect
          label={t('plans.overdueFilter')}
          value={overdue}
          onChange={(e) => setOverdue(e.currentTarget.value as 'true' | 'false' | '')}
          data={[
            { value: '', label: t('plans.all') },
            { value: 'true', label: t('plans.overdueOnly') },
            { value: 'false', label: t('plans.onTime') },
          ]}
        />
      </Group>
      <QueryState query={query} isEmpty={(d) => d.pages.every((p) => p.items.length === 0)} empty={t('plans.none')}>
        {(data) => (
          <>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('plans.plan')}</Table.Th>
                  <Table.Th scope="col">{t('plans.contract')}</Table.Th>
                  <Table.Th scope="col">{t('plans.statusLabel')}</Table.Th>
                  <Table.Th scope="col">{t('plans.findings')}</Table.Th>
                  <Table.Th scope="col">{t('plans.progress')}</Table.Th>
                  <Table.Th scope="col">{t('plans.overdueLabel')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.pages
                  .flatMap((p) => p.items)
                  .map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/action-plans/${p.id}`}>
                          {t('plans.planOf', { date: formatDate(p.createdOn) })}
                        </Anchor>
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {p.rootCause}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {p.contract.reference}
                        <Text size="xs" c="dimmed">
                          {p.supplier.name}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <PlanStatusBadge status={p.status} />
                      </Table.Td>
                      <Table.Td>{p.findingCount}</Table.Td>
                      <Table.Td>{t('plans.verifiedOf', { verified: p.verifiedActions, total: p.actionCount })}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {p.overdue && <OverdueBadge label={t('plans.planOverdue')} />}
                          {p.overdueActions > 0 && <OverdueBadge label={t('plans.actionsOverdue', { count: p.overdueActions })} />}
                          {!p.overdue && p.overdueActions === 0 && '—'}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
            <LoadMore query={query} />
          </>
        )}
      </QueryState>
    </Stack>
  );
}
