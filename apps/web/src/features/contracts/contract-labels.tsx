import { Button, Group, NativeSelect, Paper, Stack, Table, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Schemas } from '../../api/client';
import { ApiError, unwrap } from '../../api/problem';
import { RagBadge } from '../../components/rag-badge';
import { ErrorMessage, QueryState } from '../../components/states';
import { formatDate } from '../../lib/format';
import { type Contract, type Label, todayIn } from './contract-api';

type LabelKind = Schemas['CreateLabelDto']['label'];
const KINDS: LabelKind[] = ['tco_certified', 'epeat', 'energy_star', 'other'];

/** Expired (today in the contract's time zone), lapsing before the contract ends, or valid. */
export function labelState(label: Pick<Label, 'validUntil' | 'expiresBeforeContractEnd'>, today: string): 'expired' | 'lapsing' | 'valid' {
  if (label.validUntil < today) return 'expired';
  return label.expiresBeforeContractEnd ? 'lapsing' : 'valid';
}

const STATE_COLOUR = { expired: 'red', lapsing: 'amber', valid: 'green' } as const;

/** The product label certificates held for the contract, soonest expiry first. */
export function ContractLabels({ contract }: { contract: Contract }) {
  const { t } = useTranslation();
  const labels = useQuery({
    queryKey: ['contract', contract.id, 'labels'],
    queryFn: async () => unwrap(await api.GET('/api/v1/contracts/{id}/labels', { params: { path: { id: contract.id } } })),
  });
  const today = todayIn(contract.timeZone);
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('contracts.tab.labels')}
      </Title>
      <QueryState query={labels} isEmpty={(l) => l.length === 0} empty={t('contracts.labels.none')}>
        {(list) => (
          <Table.ScrollContainer minWidth={700}>
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('contracts.labels.label')}</Table.Th>
                  <Table.Th scope="col">{t('contracts.labels.product')}</Table.Th>
                  <Table.Th scope="col">{t('contracts.labels.certificate')}</Table.Th>
                  <Table.Th scope="col">{t('contracts.labels.validUntil')}</Table.Th>
                  <Table.Th scope="col">{t('contracts.labels.state')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((l) => {
                  const state = labelState(l, today);
                  return (
                    <Table.Tr key={l.id}>
                      <Table.Td>{l.label === 'other' ? (l.otherLabel ?? t('contracts.labels.kind.other')) : t(`contracts.labels.kind.${l.label}`)}</Table.Td>
                      <Table.Td>{l.product}</Table.Td>
                      <Table.Td>{l.certificateNumber}</Table.Td>
                      <Table.Td>{formatDate(l.validUntil)}</Table.Td>
                      <Table.Td>
                        <RagBadge colour={STATE_COLOUR[state]} label={t(`contracts.labels.state.${state}`)} />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      {(contract.role === 'supplier' || contract.role === 'authority') && <AddLabel contractId={contract.id} />}
    </Stack>
  );
}

function AddLabel({ contractId }: { contractId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const empty = { label: 'tco_certified' as LabelKind, otherLabel: '', product: '', certificateNumber: '', validUntil: '' };
  const [form, setForm] = useState(empty);
  const add = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/contracts/{id}/labels', {
          params: { path: { id: contractId } },
          body: {
            label: form.label,
            otherLabel: form.label === 'other' ? form.otherLabel.trim() : undefined,
            product: form.product.trim(),
            certificateNumber: form.certificateNumber.trim(),
            validUntil: form.validUntil,
          },
        }),
      ),
    onSuccess: () => {
      setForm(empty);
      void queryClient.invalidateQueries({ queryKey: ['contract', contractId] });
    },
  });
  const fields = add.error instanceof ApiError ? add.error.fieldErrors : {};
  const known = ['label', 'otherLabel', 'product', 'certificateNumber', 'validUntil'];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <Paper withBorder p="md" maw={760}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('contracts.labels.add')}
          </Title>
          {add.isError && !known.some((k) => fields[k]) && <ErrorMessage error={add.error} />}
          <Group grow align="flex-start">
            <NativeSelect
              label={t('contracts.labels.label')}
              value={form.label}
              onChange={(e) => setForm({ ...form, label: e.currentTarget.value as LabelKind })}
              data={KINDS.map((k) => ({ value: k, label: t(`contracts.labels.kind.${k}`) }))}
              error={fields.label}
            />
            {form.label === 'other' && (
              <TextInput label={t('contracts.labels.otherName')} required value={form.otherLabel} onChange={(e) => setForm({ ...form, otherLabel: e.currentTarget.value })} error={fields.otherLabel} />
            )}
          </Group>
          <Group grow align="flex-start">
            <TextInput label={t('contracts.labels.product')} required value={form.product} onChange={(e) => setForm({ ...form, product: e.currentTarget.value })} error={fields.product} />
            <TextInput
              label={t('contracts.labels.certificate')}
              required
              value={form.certificateNumber}
              onChange={(e) => setForm({ ...form, certificateNumber: e.currentTarget.value })}
              error={fields.certificateNumber}
            />
            <TextInput label={t('contracts.labels.validUntil')} type="date" required value={form.validUntil} onChange={(e) => setForm({ ...form, validUntil: e.currentTarget.value })} error={fields.validUntil} />
          </Group>
          <Button type="submit" w="fit-content" loading={add.isPending}>
            {t('contracts.labels.addButton')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
