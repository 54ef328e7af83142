import { Anchor, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { QueryState, LoadMore } from '../../components/states';
import { useContractChoices } from '../contracts/contract-api';

/** The smelters named by the current minerals reports of the contracts one follows, with who names each. */
export default function SmeltersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const contractId = params.get('contractId') ?? '';
  const contracts = useContractChoices();
  const query = useInfiniteQuery({
    queryKey: ['smelters', contractId],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => {
      const page = unwrap(await api.GET('/api/v1/smelters', { params: { query: { contractId: contractId || undefined, after: pageParam, limit: 100 } } }));
      return { items: page.items, nextCursor: page.nextCursor };
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return (
    <Stack>
      <Title order={1}>{t('nav.smelters')}</Title>
      <Text>{t('smelters.intro')}</Text>
      <NativeSelect
        label={t('smelters.contract')}
        maw={480}
        value={contractId}
        onChange={(e) => setParams(e.currentTarget.value ? { contractId: e.currentTarget.value } : {}, { replace: true })}
        data={[
          { value: '', label: t('smelters.allContracts') },
          ...(contracts.data ?? []).map((c) => ({ value: c.id, label: `${c.reference} — ${c.title}` })),
          // A contract given in the address but not (yet) among the choices still shows as chosen.
          ...(contractId && !contracts.data?.some((c) => c.id === contractId) ? [{ value: contractId, label: t('smelters.thisContract') }] : []),
        ]}
      />
      <QueryState query={query} isEmpty={(d) => d.pages[0].items.length === 0} empty={t('smelters.none')}>
        {(data) => (
          <>
            <Table.ScrollContainer minWidth={800}>
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('smelters.name')}</Table.Th>
                    <Table.Th scope="col">{t('smelters.id')}</Table.Th>
                    <Table.Th scope="col">{t('smelters.metal')}</Table.Th>
                    <Table.Th scope="col">{t('smelters.country')}</Table.Th>
                    <Table.Th scope="col">{t('smelters.suppliers')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.pages
                    .flatMap((p) => p.items)
                    .map((s) => (
                      <Table.Tr key={s.key}>
                        <Table.Td>{s.name ?? '—'}</Table.Td>
                        <Table.Td>{s.smelterId ?? <Text c="red.9" size="sm">{t('smelters.noId')}</Text>}</Table.Td>
                        <Table.Td>{s.metal}</Table.Td>
                        <Table.Td>{s.country ?? '—'}</Table.Td>
                        <Table.Td>
                          <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                            {s.suppliers.map((sup) => (
                              <li key={`${sup.id}-${sup.contractId}`}>
                                {sup.name} (
                                <Anchor component={Link} to={`/contracts/${sup.contractId}?tab=minerals`}>
                                  {sup.contractReference}
                                </Anchor>
                                )
                              </li>
                            ))}
                          </Stack>
                        </Table.Td>
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
