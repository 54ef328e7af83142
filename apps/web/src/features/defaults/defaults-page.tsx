import { Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type InfiniteData, useInfiniteQuery, useMutation, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/problem';
import { useCurrentUser } from '../../auth/auth';
import { DaysLeft } from '../../components/days-left';
import { ErrorMessage, QueryState } from '../../components/states';
import { formatDate } from '../../lib/format';
import { daysUntil, todayIn } from '../reports/lib';
import { DefaultStatusBadge } from './default-status';
import { LedgerSection } from './ledger';
import { useContracts } from './use-contracts';
import { asView, type DefaultStatus, type DefaultView } from './types';

const STATUSES: DefaultStatus[] = ['proposed', 'notified', 'answered', 'acknowledged', 'decided', 'dismissed'];

/** Defaults and notices of default, and the money ledger (`?tab=ledger`): penalties, late fines, bonus and malus. */
export default function DefaultsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'ledger' ? 'ledger' : 'defaults';
  return (
    <Stack>
      <Title order={1}>{t('defaults.title')}</Title>
      <Tabs
        value={tab}
        onChange={(value) => {
          const next = new URLSearchParams(params);
          if (value === 'ledger') next.set('tab', 'ledger');
          else next.delete('tab');
          setParams(next, { replace: true });
        }}
      >
        <Tabs.List>
          <Tabs.Tab value="defaults">{t('defaults.tab.defaults')}</Tabs.Tab>
          <Tabs.Tab value="ledger">{t('defaults.tab.ledger')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="defaults" pt="md">
          {tab === 'defaults' && <DefaultsList />}
        </Tabs.Panel>
        <Tabs.Panel value="ledger" pt="md">
          {tab === 'ledger' && <LedgerSection />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function DefaultsList() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const status = STATUSES.find((s) => s === params.get('status'));
  const query = useInfiniteQuery({
    queryKey: ['defaults', { status }],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => {
      const page = unwrap(await api.GET('/api/v1/defaults', { params: { query: { status, after: pageParam, limit: 50 } } }));
      return { items: page.items.map(asView), nextCursor: page.nextCursor };
    },
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const isBuyer = me.organisation.kind === 'contracting_authority';
  return (
    <Stack>
      {isBuyer && <RecordDefaultForm />}
      <Title order={2} size="h3">
        {t('defaults.listTitle')}
      </Title>
      <NativeSelect
        label={t('defaults.filterStatus')}
        value={status ?? ''}
        maw={280}
        data={[{ value: '', label: t('defaults.allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: t(`defaults.status.${s}`) }))]}
        onChange={(e) => {
          const next = new URLSearchParams(params);
          if (e.currentTarget.value) next.set('status', e.currentTarget.value);
          else next.delete('status');
          setParams(next, { replace: true });
        }}
      />
      <QueryState
        query={query as UseQueryResult<InfiniteData<{ items: DefaultView[]; nextCursor: string | null }>>}
        isEmpty={(d) => d.pages.every((p) => p.items.length === 0)}
        empty={t('defaults.none')}
      >
        {(data) => (
          <>
            <Table striped highlightOnHover>
              <Table.Caption>{t('defaults.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('defaults.failing')}</Table.Th>
                  <Table.Th scope="col">{t('defaults.contract')}</Table.Th>
                  <Table.Th scope="col">{t('defaults.supplier')}</Table.Th>
                  <Table.Th scope="col">{t('defaults.occurredOn')}</Table.Th>
                  <Table.Th scope="col">{t('defaults.statusColumn')}</Table.Th>
                  <Table.Th scope="col">{t('defaults.responseDeadline')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.pages
                  .flatMap((p) => p.items)
                  .map((d) => (
                    <Table.Tr key={d.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/defaults/${d.id}`}>
                          {d.notice?.reference ?? t(`defaults.subject.${d.subject}`)}
                        </Anchor>
                        <Text size="sm" lineClamp={2}>
                          {d.failing}
                        </Text>
                      </Table.Td>
                      <Table.Td>{d.contractReference}</Table.Td>
                      <Table.Td>{d.supplier.name}</Table.Td>
                      <Table.Td>{formatDate(d.occurredOn)}</Table.Td>
                      <Table.Td>
                        <DefaultStatusBadge status={d.status} />
                      </Table.Td>
                      <Table.Td>
                        {d.notice ? (
                          <Stack gap={4} align="flex-start">
                            <span>{formatDate(d.notice.responseDeadline)}</span>
                            {d.status === 'notified' && <DaysLeft days={daysUntil(d.notice.responseDeadline)} />}
                          </Stack>
                        ) : (
                          '—'
                        )}
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

/** The buyer records a broken execution condition (a failed audit, an expired label…): it becomes a proposal. */
function RecordDefaultForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const contracts = useContracts();
  const own = (contracts.data ?? []).filter((c) => c.role === 'authority');
  const [contractId, setContractId] = useState('');
  const [failing, setFailing] = useState('');
  const [occurredOn, setOccurredOn] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const chosen = own.find((c) => c.id === contractId);
  const record = useMutation({
    mutationFn: async () => asView(unwrap(await api.POST('/api/v1/defaults', { body: { contractId, failing, ...(occurredOn ? { occurredOn } : {}) } }))),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: ['defaults'] });
      notifications.show({ color: 'green', message: t('defaults.recorded') });
      void navigate(`/defaults/${created.id}`);
    },
  });
  const fieldErrors = record.error instanceof ApiError ? record.error.fieldErrors : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!contractId) errors.contractId = t('defaults.contractRequired');
    if (!failing.trim()) errors.failing = t('defaults.failingRequired');
    setLocal(errors);
    if (Object.keys(errors).length === 0) record.mutate();
  };
  if (contracts.isSuccess && own.length === 0) return null;
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h3">
            {t('defaults.recordTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('defaults.recordIntro')}
          </Text>
          {contracts.isError && <ErrorMessage error={contracts.error} retry={() => void contracts.refetch()} />}
          <NativeSelect
            label={t('defaults.contract')}
            required
            value={contractId}
            onChange={(e) => setContractId(e.currentTarget.value)}
            data={[{ value: '', label: t('defaults.chooseContract') }, ...own.map((c) => ({ value: c.id, label: `${c.reference} · ${c.supplier.name}` }))]}
            error={local.contractId ?? fieldErrors.contractId}
            maw={520}
          />
          <Textarea
            label={t('defaults.failing')}
            description={t('defaults.failingHint')}
            required
            autosize
            minRows={3}
            value={failing}
            onChange={(e) => setFailing(e.currentTarget.value)}
            error={local.failing ?? fieldErrors.failing}
          />
          <TextInput
            type="date"
            label={t('defaults.occurredOn')}
            description={t('defaults.occurredOnHint')}
            max={todayIn(chosen?.timeZone)}
            value={occurredOn}
            onChange={(e) => setOccurredOn(e.currentTarget.value)}
            error={fieldErrors.occurredOn}
            maw={260}
          />
          {record.isError && Object.keys(fieldErrors).length === 0 && <ErrorMessage error={record.error} />}
          <Group>
            <Button type="submit" loading={record.isPending}>
              {t('defaults.record')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
