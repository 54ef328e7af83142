import { Button, Group, NumberInput, Paper, Stack, Table, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/problem';
import { ErrorMessage, QueryState } from '../../components/states';
import { formatCountry, formatNumber } from '../../lib/format';
import type { Contract } from './contract-api';

/** The production sites by tier (confidential to buyers and auditors); the supplier discloses them. */
export function ContractSites({ contract }: { contract: Contract }) {
  const { t } = useTranslation();
  const sites = useQuery({
    queryKey: ['contract', contract.id, 'sites'],
    queryFn: async () => unwrap(await api.GET('/api/v1/contracts/{id}/sites', { params: { path: { id: contract.id } } })),
  });
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('contracts.tab.sites')}
      </Title>
      <QueryState query={sites} isEmpty={(s) => s.length === 0} empty={t('contracts.sites.none')}>
        {(list) => (
          <Table.ScrollContainer minWidth={700}>
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('contracts.sites.tier')}</Table.Th>
                  <Table.Th scope="col">{t('contracts.sites.name')}</Table.Th>
                  <Table.Th scope="col">{t('contracts.sites.address')}</Table.Th>
                  <Table.Th scope="col">{t('contracts.supplier.country')}</Table.Th>
                  <Table.Th scope="col">{t('contracts.sites.products')}</Table.Th>
                  <Table.Th scope="col">{t('contracts.sites.workforce')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...list]
                  .sort((a, b) => a.tier - b.tier || a.name.localeCompare(b.name))
                  .map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>{formatNumber(s.tier)}</Table.Td>
                      <Table.Td>{s.name}</Table.Td>
                      <Table.Td>{s.address}</Table.Td>
                      <Table.Td>{formatCountry(s.country)}</Table.Td>
                      <Table.Td>{s.products.join(', ') || '—'}</Table.Td>
                      <Table.Td>{s.workforce == null ? '—' : formatNumber(s.workforce)}</Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      {contract.role === 'supplier' && <AddSite contractId={contract.id} />}
    </Stack>
  );
}

function AddSite({ contractId }: { contractId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const empty = { name: '', address: '', country: '', tier: 1 as number | string, products: '', workforce: '' as number | string };
  const [form, setForm] = useState(empty);
  const add = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/contracts/{id}/sites', {
          params: { path: { id: contractId } },
          body: {
            name: form.name.trim(),
            address: form.address.trim(),
            country: form.country.trim().toUpperCase(),
            tier: Number(form.tier),
            products: form.products
              .split(',')
              .map((p) => p.trim())
              .filter(Boolean),
            workforce: form.workforce === '' ? null : Number(form.workforce),
          },
        }),
      ),
    onSuccess: () => {
      setForm(empty);
      void queryClient.invalidateQueries({ queryKey: ['contract', contractId] });
    },
  });
  const fields = add.error instanceof ApiError ? add.error.fieldErrors : {};
  const known = ['name', 'address', 'country', 'tier', 'products', 'workforce'];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <Paper withBorder p="md" maw={760}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('contracts.sites.add')}
          </Title>
          {add.isError && !known.some((k) => fields[k]) && <ErrorMessage error={add.error} />}
          <TextInput label={t('contracts.sites.name')} required value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} error={fields.name} />
          <TextInput label={t('contracts.sites.address')} required value={form.address} onChange={(e) => setForm({ ...form, address: e.currentTarget.value })} error={fields.address} />
          <Group grow align="flex-start">
            <TextInput label={t('contracts.supplier.country')} description={t('contracts.countryHint')} maxLength={2} required value={form.country} onChange={(e) => setForm({ ...form, country: e.currentTarget.value })} error={fields.country} />
            <NumberInput label={t('contracts.sites.tier')} description={t('contracts.sites.tierHint')} required min={1} max={20} allowDecimal={false} value={form.tier} onChange={(v) => setForm({ ...form, tier: v })} error={fields.tier} />
            <NumberInput label={t('contracts.sites.workforce')} min={0} allowDecimal={false} value={form.workforce} onChange={(v) => setForm({ ...form, workforce: v })} error={fields.workforce} />
          </Group>
          <TextInput label={t('contracts.sites.products')} description={t('contracts.sites.productsHint')} value={form.products} onChange={(e) => setForm({ ...form, products: e.currentTarget.value })} error={fields.products} />
          <Button type="submit" w="fit-content" loading={add.isPending}>
            {t('contracts.sites.addButton')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
