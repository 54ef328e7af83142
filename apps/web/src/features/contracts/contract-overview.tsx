import { Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ApiError, isApiError, unwrap } from '../../api/problem';
import { ErrorMessage } from '../../components/states';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format';
import { type Contract, contractKey } from './contract-api';

/** The parties, dates (the contract's time zone), value, lots, framework participants and auditors. */
export function ContractOverview({ contract }: { contract: Contract }) {
  const { t } = useTranslation();
  const isAuthority = contract.role === 'authority';
  const rows: Array<[string, string]> = [
    [t('contracts.authority'), contract.authority.name],
    [t('contracts.supplier'), contract.supplier.name],
    [t('contracts.startDate'), formatDate(contract.startDate)],
    [t('contracts.endDate'), formatDate(contract.endDate)],
    [t('contracts.value'), formatMoney(contract.valueCents, contract.currency)],
    [t('contracts.status'), t(`contracts.status.${contract.status}`)],
    [t('contracts.timeZone'), contract.timeZone],
    [t('contracts.isFramework'), contract.isFramework ? t('contracts.yes') : t('contracts.no')],
    [t('contracts.yourRole'), t(`contracts.role.${contract.role}`)],
    [t('contracts.updatedAt'), formatDateTime(contract.updatedAt, contract.timeZone)],
  ];
  return (
    <Stack gap="lg">
      <Table withTableBorder w="auto" variant="vertical">
        <Table.Tbody>
          {rows.map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Th scope="row">{k}</Table.Th>
              <Table.Td>{v}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('contracts.lots')}
        </Title>
        {contract.lots.length === 0 ? (
          <Text c="dimmed">{t('contracts.lots.none')}</Text>
        ) : (
          <Stack gap={4} component="ul" style={{ paddingInlineStart: 20, margin: 0 }}>
            {contract.lots.map((l) => (
              <li key={l.name}>
                <Text fw={600} span>
                  {l.name}
                </Text>
                {l.description && <Text size="sm">{l.description}</Text>}
              </li>
            ))}
          </Stack>
        )}
      </Stack>

      {(contract.isFramework || contract.participants.length > 0) && (
        <Stack gap="xs">
          <Title order={2} size="h3">
            {t('contracts.participants')}
          </Title>
          <PartyTable parties={contract.participants.map((p) => ({ id: p.id, name: p.name, at: p.joinedAt }))} timeZone={contract.timeZone} atLabel={t('contracts.joinedAt')} empty={t('contracts.participants.none')} />
          {isAuthority && contract.isFramework && <AddOrganisation contract={contract} kind="participants" />}
        </Stack>
      )}

      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('contracts.auditors')}
        </Title>
        <Auditors contract={contract} />
        {isAuthority && <AddOrganisation contract={contract} kind="auditors" />}
      </Stack>
    </Stack>
  );
}

interface Party {
  id: string;
  name: string;
  at: string;
}

function PartyTable({ parties, timeZone, atLabel, empty, action }: { parties: Party[]; timeZone: string; atLabel: string; empty: string; action?: (p: Party) => ReactNode }) {
  const { t } = useTranslation();
  if (parties.length === 0) return <Text c="dimmed">{empty}</Text>;
  return (
    <Table withTableBorder w="auto">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('contracts.organisation')}</Table.Th>
          <Table.Th scope="col">{atLabel}</Table.Th>
          {action && <Table.Th scope="col">{t('contracts.actions')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {parties.map((p) => (
          <Table.Tr key={p.id}>
            <Table.Td>{p.name}</Table.Td>
            <Table.Td>{formatDateTime(p.at, timeZone)}</Table.Td>
            {action && <Table.Td>{action(p)}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Auditors({ contract }: { contract: Contract }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: async (organisationId: string) => unwrap(await api.DELETE('/api/v1/contracts/{id}/auditors', { params: { path: { id: contract.id }, query: { organisationId } } })),
    onSuccess: (updated) => queryClient.setQueryData(contractKey(contract.id), updated),
  });
  return (
    <>
      {revoke.isError && <ErrorMessage error={revoke.error} />}
      <PartyTable
        parties={contract.auditors.map((a) => ({ id: a.id, name: a.name, at: a.assignedAt }))}
        timeZone={contract.timeZone}
        atLabel={t('contracts.assignedAt')}
        empty={t('contracts.auditors.none')}
        action={
          contract.role === 'authority'
            ? (p) => (
                <Button
                  size="xs"
                  variant="light"
                  color="red"
                  loading={revoke.isPending && revoke.variables === p.id}
                  onClick={() => {
                    if (window.confirm(t('contracts.auditors.revokeConfirm', { name: p.name }))) revoke.mutate(p.id);
                  }}
                >
                  {t('contracts.auditors.revoke', { name: p.name })}
                </Button>
              )
            : undefined
        }
      />
    </>
  );
}

/** Names an organisation already on the platform by country and registration number. */
function AddOrganisation({ contract, kind }: { contract: Contract; kind: 'participants' | 'auditors' }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [country, setCountry] = useState('BE');
  const [registrationNumber, setRegistrationNumber] = useState('');
  const add = useMutation({
    mutationFn: async () => {
      const body = { country: country.trim().toUpperCase(), registrationNumber: registrationNumber.trim() };
      const params = { path: { id: contract.id } };
      return unwrap(kind === 'participants' ? await api.POST('/api/v1/contracts/{id}/participants', { params, body }) : await api.POST('/api/v1/contracts/{id}/auditors', { params, body }));
    },
    onSuccess: (updated) => {
      queryClient.setQueryData(contractKey(contract.id), updated);
      setRegistrationNumber('');
    },
  });
  const fields = add.error instanceof ApiError ? add.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <Paper withBorder p="sm" maw={640}>
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t(`contracts.${kind}.add`)}
          </Title>
          {add.isError && !fields.country && !fields.registrationNumber && (
            <ErrorMessage error={isApiError(add.error) && add.error.status === 404 ? new ApiError(404, { detail: t('contracts.organisation.notFound') }) : add.error} />
          )}
          <Group align="flex-start">
            <TextInput label={t('contracts.supplier.country')} description={t('contracts.countryHint')} maxLength={2} w={120} required value={country} onChange={(e) => setCountry(e.currentTarget.value)} error={fields.country} />
            <TextInput label={t('contracts.supplier.registrationNumber')} required value={registrationNumber} onChange={(e) => setRegistrationNumber(e.currentTarget.value)} error={fields.registrationNumber} />
            <Button type="submit" mt={46} loading={add.isPending}>
              {t(`contracts.${kind}.addButton`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
