import { Button, Group, NativeSelect, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Schemas } from '../../api/client';
import { isApiError, unwrap } from '../../api/problem';
import { ErrorMessage, QueryState } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { type Assessment, revokeShare, shareAssessment } from './assessment-api';

interface Buyer {
  id: string;
  name: string;
}
type ContractSummary = Pick<Schemas['ContractDto'], 'id' | 'authority' | 'isFramework'>;

/**
 * The buyers a supplier may share with, as the API allows: the authority of each of its contracts
 * and every authority buying under one of its framework agreements, less `exclude` (the issuer,
 * those already shared with); one entry per buyer, by name.
 */
export function buyersToShareWith(contracts: ContractSummary[], participants: Buyer[], exclude: Iterable<string>): Buyer[] {
  const seen = new Set(exclude);
  const buyers = new Map<string, string>();
  for (const b of [...contracts.map((c) => c.authority), ...participants]) if (!seen.has(b.id)) buyers.set(b.id, b.name);
  return [...buyers].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** All the supplier's contracts (page after page), and the authorities buying under its framework agreements. */
async function fetchShareTargets(): Promise<{ contracts: ContractSummary[]; participants: Buyer[] }> {
  const contracts: ContractSummary[] = [];
  let after: string | undefined;
  do {
    const page = unwrap(await api.GET('/api/v1/contracts', { params: { query: { limit: 200, ...(after ? { after } : {}) } } }));
    contracts.push(...page.items);
    after = page.nextCursor ?? undefined;
  } while (after);
  // Participants are on a contract's detail only; framework agreements are few.
  const frameworks = await Promise.all(
    contracts.filter((c) => c.isFramework).map(async (c) => unwrap(await api.GET('/api/v1/contracts/{id}', { params: { path: { id: c.id } } }))),
  );
  return { contracts, participants: frameworks.flatMap((f) => f.participants.map((p) => ({ id: p.id, name: p.name }))) };
}

/** An accepted assessment shared with the supplier's other buyers (supplier admins). */
export function SharePanel({ assessment, onChanged }: { assessment: Assessment; onChanged: (a: Assessment) => void }) {
  const { t } = useTranslation();
  const [authorityId, setAuthorityId] = useState('');
  const targets = useQuery({ queryKey: ['assessments', 'share-authorities'], queryFn: fetchShareTargets });
  const share = useMutation({
    mutationFn: () => shareAssessment(assessment.id, authorityId),
    onSuccess: (a) => {
      setAuthorityId('');
      onChanged(a);
    },
  });
  const revoke = useMutation({ mutationFn: (id: string) => revokeShare(assessment.id, id), onSuccess: onChanged });
  const shared = assessment.sharedWith ?? [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (authorityId) share.mutate();
  };
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('assessments.share.title')}
        </Title>
        <Text size="sm">{t('assessments.share.help')}</Text>
        {shared.length > 0 ? (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('assessments.share.buyer')}</Table.Th>
                <Table.Th scope="col">{t('assessments.share.since')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('assessments.share.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shared.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.name}</Table.Td>
                  <Table.Td>{formatDateTime(s.sharedAt)}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="light" color="red" onClick={() => revoke.mutate(s.id)} loading={revoke.isPending && revoke.variables === s.id}>
                      {t('assessments.share.revoke', { name: s.name })}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" c="dimmed">
            {t('assessments.share.none')}
          </Text>
        )}
        {revoke.isError && <ErrorMessage error={revoke.error} />}
        <QueryState query={targets}>
          {({ contracts, participants }) => {
            const buyers = buyersToShareWith(contracts, participants, [...(assessment.authority ? [assessment.authority.id] : []), ...shared.map((s) => s.id)]);
            if (buyers.length === 0) return <Text size="sm">{t('assessments.share.noBuyer')}</Text>;
            return (
              <form onSubmit={submit} noValidate>
                <Group align="flex-end">
                  <NativeSelect
                    label={t('assessments.share.buyer')}
                    value={authorityId}
                    onChange={(e) => setAuthorityId(e.currentTarget.value)}
                    data={[{ value: '', label: t('assessments.share.choose') }, ...buyers.map((b) => ({ value: b.id, label: b.name }))]}
                    error={isApiError(share.error) ? share.error.fieldErrors.authorityId : undefined}
                  />
                  <Button type="submit" disabled={!authorityId} loading={share.isPending}>
                    {t('assessments.share.submit')}
                  </Button>
                </Group>
              </form>
            );
          }}
        </QueryState>
        {share.isError && <ErrorMessage error={share.error} />}
      </Stack>
    </Paper>
  );
}
