import { Button, Group, MultiSelect, Paper, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/problem';
import { useCurrentUser } from '../../auth/auth';
import { NotFound } from '../../components/not-found';
import { ErrorMessage } from '../../components/states';
import { useContractChoices } from '../contracts/contract-api';
import { ExportItem } from './export-item';
import { addSessionExport, useSessionExports } from './export-store';

/** Buyers and auditors ask for an Excel workbook of contracts or of the whole portfolio, and follow it until they download it. */
export default function ExportsPage() {
  const me = useCurrentUser();
  if (me.organisation.kind !== 'contracting_authority' && me.organisation.kind !== 'audit_body') return <NotFound />;
  return <Exports />;
}

function Exports() {
  const { t } = useTranslation();
  const ids = useSessionExports();
  return (
    <Stack>
      <Title order={1}>{t('nav.exports')}</Title>
      <Text>{t('exports.intro')}</Text>
      <ExportForm />
      <Title order={2} size="h3">
        {t('exports.session')}
      </Title>
      {ids.length === 0 ? (
        <Text c="dimmed">{t('exports.session.none')}</Text>
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
          {ids.map((id) => (
            <ExportItem key={id} id={id} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function ExportForm() {
  const { t } = useTranslation();
  const contracts = useContractChoices();
  const [scope, setScope] = useState<'portfolio' | 'contracts'>('portfolio');
  const [contractIds, setContractIds] = useState<string[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const request = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/exports', {
          body: { scope: scope === 'portfolio' ? { portfolio: true } : { contractIds }, from: from || undefined, to: to || undefined },
        }),
      ),
    onSuccess: (created) => addSessionExport(created.id),
  });
  const fields = request.error instanceof ApiError ? request.error.fieldErrors : {};
  const contractsError = Object.entries(fields).find(([field]) => field.startsWith('scope'))?.[1];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate();
  };
  return (
    <Paper withBorder p="md" maw={760}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('exports.request')}
          </Title>
          {request.isError && !(scope === 'contracts' && contractsError) && !fields.from && !fields.to && <ErrorMessage error={request.error} />}
          <Radio.Group label={t('exports.scope')} value={scope} onChange={(v) => setScope(v as 'portfolio' | 'contracts')}>
            <Group mt="xs">
              <Radio value="portfolio" label={t('exports.scope.portfolio')} />
              <Radio value="contracts" label={t('exports.scope.contracts')} />
            </Group>
          </Radio.Group>
          {scope === 'contracts' && (
            <MultiSelect
              label={t('exports.contracts')}
              placeholder={contractIds.length === 0 ? t('exports.contractsPlaceholder') : undefined}
              required
              searchable
              value={contractIds}
              onChange={setContractIds}
              data={(contracts.data ?? []).map((c) => ({ value: c.id, label: `${c.reference} — ${c.title}` }))}
              nothingFoundMessage={t('exports.contractsNone')}
              error={contractsError ?? (contracts.isError ? t('state.error') : undefined)}
            />
          )}
          <Group grow align="flex-start">
            <TextInput label={t('exports.from')} description={t('exports.optional')} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={fields.from} />
            <TextInput label={t('exports.to')} description={t('exports.optional')} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} error={fields.to} />
          </Group>
          <Button type="submit" w="fit-content" loading={request.isPending} disabled={scope === 'contracts' && contractIds.length === 0}>
            {t('exports.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
