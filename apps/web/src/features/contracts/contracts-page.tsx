import { Anchor, Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { useCurrentUser } from '../../auth/auth';
import { QueryState, LoadMore } from '../../components/states';
import { formatDate, formatMoney } from '../../lib/format';

type Status = 'active' | 'suspended' | 'ended';
const STATUSES: Status[] = ['active', 'suspended', 'ended'];

/** The contracts the organisation has a part in, newest first, searchable and paged. */
export default function ContractsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<Status | ''>('');
  const [search] = useDebouncedValue(q.trim(), 300);
  const query = useInfiniteQuery({
    queryKey: ['contracts', 'list', search, status],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET('/api/v1/contracts', { params: { query: { q: search || undefined, status: status || undefined, after: pageParam, limit: 50 } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('nav.contracts')}</Title>
        {me.organisation.kind === 'contracting_authority' && (
          <Button component={Link} to="/contracts/new">
            {t('contracts.new')}
          </Button>
        )}
      </Group>
      <Group align="flex-end" role="search">
        <TextInput label={t('contracts.search')} description={t('contracts.searchHint')} value={q} onChange={(e) => setQ(e.currentTarget.value)} type="search" />
        <NativeSelect
          label={t('contracts.status')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as Status | '')}
          data={[{ value: '', label: t('contracts.status.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`contracts.status.${s}`) }))]}
        />
      </Group>
      <QueryState query={query} isEmpty={(d) => d.pages[0].items.length === 0} empty={t('contracts.none')}>
        {(data) => (
          <>
            <Table.ScrollContainer minWidth={800}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('contracts.reference')}</Table.Th>
                    <Table.Th scope="col">{t('contracts.supplier')}</Table.Th>
                    <Table.Th scope="col">{t('contracts.authority')}</Table.Th>
                    <Table.Th scope="col">{t('contracts.period')}</Table.Th>
                    <Table.Th scope="col">{t('contracts.value')}</Table.Th>
                    <Table.Th scope="col">{t('contracts.status')}</Table.Th>
                    <Table.Th scope="col">{t('contracts.yourRole')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.pages
                    .flatMap((p) => p.items)
                    .map((c) => (
                      <Table.Tr key={c.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/contracts/${c.id}`} fw={600}>
                            {c.reference}
                          </Anchor>
                          <Text size="sm">{c.title}</Text>
                        </Table.Td>
                        <Table.Td>{c.supplier.name}</Table.Td>
                        <Table.Td>{c.authority.name}</Table.Td>
                        <Table.Td>
                          {formatDate(c.startDate)} – {formatDate(c.endDate)}
                        </Table.Td>
                        <Table.Td>{formatMoney(c.valueCents, c.currency)}</Table.Td>
                        <Table.Td>
                          <StatusBadge status={c.status} />
                        </Table.Td>
                        <Table.Td>{t(`contracts.role.${c.role}`)}</Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <LoadMore query={query} />
          </>
        )}
      </QueryState>
    </Stack>
  );
}

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  const color = status === 'active' ? 'green.9' : status === 'suspended' ? 'orange.9' : 'gray.7';
  return (
    <Badge variant="outline" color={color} radius="sm">
      {t(`contracts.status.${status}`)}
    </Badge>
  );
}
