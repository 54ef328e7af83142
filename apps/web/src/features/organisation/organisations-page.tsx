import { Anchor, Button, Group, NativeSelect, Paper, Stack, Table, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, type Schemas } from '../../api/client';
import { isApiError, unwrap } from '../../api/problem';
import { ErrorMessage, QueryState, LoadMore } from '../../components/states';
import { LANGUAGES } from '../../i18n/i18n';
import { formatCountry, formatDate } from '../../lib/format';

type Kind = Schemas['CreateOrganisationDto']['kind'];
/** What the platform admin registers: buyers, suppliers and audit bodies (the platform itself exists once). */
const KINDS: Kind[] = ['contracting_authority', 'supplier', 'audit_body'];

/** The platform admin's register of organisations: search, open one, register a new one. */
export default function OrganisationsPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<Kind | ''>('');
  const [search] = useDebouncedValue(q.trim(), 300);
  const query = useInfiniteQuery({
    queryKey: ['organisations', search, kind],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/api/v1/organisations', { params: { query: { q: search || undefined, kind: kind || undefined, after: pageParam, limit: 50 } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return (
    <Stack>
      <Title order={1}>{t('nav.organisations')}</Title>
      <Group align="flex-end" role="search">
        <TextInput label={t('orgs.search')} type="search" value={q} onChange={(e) => setQ(e.currentTarget.value)} />
        <NativeSelect
          label={t('orgs.kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as Kind | '')}
          data={[{ value: '', label: t('orgs.kind.all') }, ...KINDS.map((k) => ({ value: k, label: t(`org.kind.${k}`) }))]}
        />
      </Group>
      <QueryState query={query} isEmpty={(d) => d.pages[0].items.length === 0} empty={t('orgs.none')}>
        {(data) => (
          <>
            <Table.ScrollContainer minWidth={700}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('org.name')}</Table.Th>
                    <Table.Th scope="col">{t('orgs.kind')}</Table.Th>
                    <Table.Th scope="col">{t('orgs.country')}</Table.Th>
                    <Table.Th scope="col">{t('orgs.registrationNumber')}</Table.Th>
                    <Table.Th scope="col">{t('orgs.created')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.pages
                    .flatMap((p) => p.items)
                    .map((o) => (
                      <Table.Tr key={o.id}>
                        <Table.Th scope="row" fw="normal">
                          <Anchor component={Link} to={`/organisations/${o.id}`}>
                            {o.name}
                          </Anchor>
                        </Table.Th>
                        <Table.Td>{t(`org.kind.${o.kind}`)}</Table.Td>
                        <Table.Td>{o.country ? formatCountry(o.country) : '—'}</Table.Td>
                        <Table.Td>{o.registrationNumber ?? '—'}</Table.Td>
                        <Table.Td>{formatDate(o.createdAt)}</Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <LoadMore query={query} />
          </>
        )}
      </QueryState>
      <CreateOrganisation />
    </Stack>
  );
}

/** Registers an organisation; then its page, to invite its first admin. */
function CreateOrganisation() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: '', kind: 'supplier' as Kind, country: 'BE', registrationNumber: '', preferredLanguage: i18n.language as Schemas['CreateOrganisationDto']['preferredLanguage'] });
  const create = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/organisations', { body: { ...form, country: form.country.trim().toUpperCase(), registrationNumber: form.registrationNumber.trim() || undefined } })),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: ['organisations'] });
      void navigate(`/organisations/${created.id}`);
    },
  });
  const fields = isApiError(create.error) ? create.error.fieldErrors : {};
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Paper withBorder p="md" maw={860}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('orgs.new')}
          </Title>
          {create.isError && Object.keys(fields).length === 0 && <ErrorMessage error={create.error} />}
          <TextInput label={t('org.name')} required value={form.name} onChange={(e) => set('name')(e.currentTarget.value)} error={fields.name} />
          <Group align="flex-start">
            <NativeSelect label={t('orgs.kind')} value={form.kind} onChange={(e) => set('kind')(e.currentTarget.value)} data={KINDS.map((k) => ({ value: k, label: t(`org.kind.${k}`) }))} error={fields.kind} />
            <TextInput label={t('orgs.country')} description={t('orgs.countryHint')} required maxLength={2} w={160} value={form.country} onChange={(e) => set('country')(e.currentTarget.value)} error={fields.country} />
            <TextInput label={t('orgs.registrationNumber')} description={t('orgs.registrationHint')} value={form.registrationNumber} onChange={(e) => set('registrationNumber')(e.currentTarget.value)} error={fields.registrationNumber} />
            <NativeSelect
              label={t('orgs.language')}
              value={form.preferredLanguage}
              onChange={(e) => set('preferredLanguage')(e.currentTarget.value)}
              data={LANGUAGES.map((l) => ({ value: l, label: t(`orgs.language.${l}`) }))}
              error={fields.preferredLanguage}
            />
          </Group>
          <Button type="submit" w="fit-content" loading={create.isPending}>
            {t('orgs.create')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
