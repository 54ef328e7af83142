import { Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, type Schemas } from '../../api/client';
import { isApiError, unwrap } from '../../api/problem';
import { useCurrentUser } from '../../auth/auth';
import { DaysLeft } from '../../components/days-left';
import { RagBadge } from '../../components/rag-badge';
import { ErrorMessage, QueryState, LoadMore } from '../../components/states';
import { formatDate } from '../../lib/format';
import { daysUntil } from '../review/shared';
import { answerColour, FindingStatusBadge, SEVERITIES, SeverityBadge, STATUSES, THEMES } from './labels';

type Severity = (typeof SEVERITIES)[number];
type Status = (typeof STATUSES)[number];

export function useContracts() {
  return useQuery({
    queryKey: ['contracts', 'all'],
    queryFn: async () => unwrap(await api.GET('/api/v1/contracts', { params: { query: { limit: 200 } } })),
  });
}

/** Findings of the contracts the user has a part in, with filters; buyers and auditors record new ones. */
export default function FindingsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [status, setStatus] = useState<Status | ''>('open');
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [contractId, setContractId] = useState('');
  const contracts = useContracts();
  const query = useInfiniteQuery({
    queryKey: ['findings', { status, severity, contractId }],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/findings', {
          params: { query: { status: status || undefined, severity: severity || undefined, contractId: contractId || undefined, after: pageParam, limit: 50 } },
        }),
      ),
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  const canCreate = me.organisation.kind === 'contracting_authority' || me.organisation.kind === 'audit_body';

  return (
    <Stack>
      <Title order={1}>{t('findings.title')}</Title>
      <Group align="flex-end">
        <NativeSelect
          label={t('findings.statusLabel')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as Status | '')}
          data={[{ value: '', label: t('findings.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`findings.status.${s}`) }))]}
        />
        <NativeSelect
          label={t('findings.severityLabel')}
          value={severity}
          onChange={(e) => setSeverity(e.currentTarget.value as Severity | '')}
          data={[{ value: '', label: t('findings.all') }, ...SEVERITIES.map((s) => ({ value: s, label: t(`findings.severity.${s}`) }))]}
        />
        <NativeSelect
          label={t('findings.contract')}
          value={contractId}
          onChange={(e) => setContractId(e.currentTarget.value)}
          data={[{ value: '', label: t('findings.all') }, ...(contracts.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.reference} — ${c.title}` }))]}
        />
      </Group>
      <QueryState query={query} isEmpty={(d) => d.pages.every((p) => p.items.length === 0)} empty={t('findings.none')}>
        {(data) => (
          <>
            <FindingsTable findings={data.pages.flatMap((p) => p.items)} />
            <LoadMore query={query} />
          </>
        )}
      </QueryState>
      {canCreate && <CreateFinding contracts={(contracts.data?.items ?? []).filter((c) => c.role === 'authority' || c.role === 'auditor')} />}
    </Stack>
  );
}

export function FindingsTable({ findings }: { findings: Schemas['FindingDto'][] }) {
  const { t } = useTranslation();
  return (
    <Table striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('findings.finding')}</Table.Th>
          <Table.Th scope="col">{t('findings.contract')}</Table.Th>
          <Table.Th scope="col">{t('findings.severityLabel')}</Table.Th>
          <Table.Th scope="col">{t('findings.colour')}</Table.Th>
          <Table.Th scope="col">{t('findings.sourceLabel')}</Table.Th>
          <Table.Th scope="col">{t('findings.statusLabel')}</Table.Th>
          <Table.Th scope="col">{t('findings.planDueDate')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {findings.map((f) => {
          const colour = answerColour(f);
          return (
            <Table.Tr key={f.id}>
              <Table.Td>
                <Anchor component={Link} to={`/findings/${f.id}`}>
                  {f.title}
                </Anchor>
                {f.questionCode && (
                  <Text size="xs" c="dimmed">
                    {f.questionCode}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {f.contractReference}
                <Text size="xs" c="dimmed">
                  {f.supplier.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <SeverityBadge severity={f.severity} />
              </Table.Td>
              <Table.Td>{colour ? <RagBadge colour={colour} /> : '—'}</Table.Td>
              <Table.Td>{t(`findings.source.${f.source}`)}</Table.Td>
              <Table.Td>
                <FindingStatusBadge status={f.status} />
              </Table.Td>
              <Table.Td>
                {f.planDueDate ? (
                  <Group gap="xs">
                    {formatDate(f.planDueDate)}
                    {f.status === 'open' && <DaysLeft days={daysUntil(f.planDueDate)} />}
                  </Group>
                ) : (
                  '—'
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function CreateFinding({ contracts }: { contracts: Schemas['ContractDto'][] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [contractId, setContractId] = useState('');
  const [severity, setSeverity] = useState<Severity>('high');
  const [theme, setTheme] = useState<(typeof THEMES)[number]>('other');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const create = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/findings', { body: { contractId, severity, theme, title, ...(description.trim() ? { description } : {}) } })),
    onSuccess: (f) => {
      notifications.show({ color: 'green', message: t('findings.created') });
      void queryClient.invalidateQueries({ queryKey: ['findings'] });
      void navigate(`/findings/${f.id}`);
    },
  });
  const fields = isApiError(create.error) ? create.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const named = ['contractId', 'severity', 'theme', 'title', 'description'].some((k) => fields[k]);
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h3">
            {t('findings.create')}
          </Title>
          <Text size="sm">{t('findings.createHelp')}</Text>
          <Group align="flex-start" grow>
            <NativeSelect
              label={t('findings.contract')}
              required
              value={contractId}
              error={fields.contractId}
              onChange={(e) => setContractId(e.currentTarget.value)}
              data={[{ value: '', label: '—' }, ...contracts.map((c) => ({ value: c.id, label: `${c.reference} — ${c.title}` }))]}
            />
            <NativeSelect
              label={t('findings.severityLabel')}
              required
              value={severity}
              error={fields.severity}
              onChange={(e) => setSeverity(e.currentTarget.value as Severity)}
              data={SEVERITIES.map((s) => ({ value: s, label: t(`findings.severity.${s}`) }))}
            />
            <NativeSelect
              label={t('findings.themeLabel')}
              required
              value={theme}
              error={fields.theme}
              onChange={(e) => setTheme(e.currentTarget.value as (typeof THEMES)[number])}
              data={THEMES.map((s) => ({ value: s, label: t(`findings.theme.${s}`) }))}
            />
          </Group>
          <TextInput label={t('findings.titleLabel')} required value={title} error={fields.title} onChange={(e) => setTitle(e.currentTarget.value)} />
          <Textarea label={t('findings.description')} autosize minRows={3} value={description} error={fields.description} onChange={(e) => setDescription(e.currentTarget.value)} />
          {create.isError && !named && <ErrorMessage error={create.error} />}
          <Button type="submit" w="fit-content" loading={create.isPending}>
            {t('findings.createAction')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
