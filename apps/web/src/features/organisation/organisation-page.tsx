import { Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { useCurrentUser } from '../../auth/auth';
import { ErrorMessage, QueryState } from '../../components/states';
import { formatDate } from '../../lib/format';
import { accountFieldErrors } from '../auth/account-field-errors';

/** The user's own organisation, its colleagues, and for admins: invitations and removal. */
export default function OrganisationPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  return (
    <Stack>
      <Title order={1}>{t('org.title')}</Title>
      <Text>
        {me.organisation.name} · {t(`org.kind.${me.organisation.kind}`)}
      </Text>
      <OrganisationMembers orgId={me.organisation.id} canAdminister={me.role === 'admin'} selfId={me.id} />
    </Stack>
  );
}

/**
 * The users of an organisation; for its admins (and the platform admin): invitations, removal and
 * restoration of users (not of oneself).
 */
export function OrganisationMembers({ orgId, canAdminister: isAdmin, selfId }: { orgId: string; canAdminister: boolean; selfId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['users', orgId], queryFn: async () => unwrap(await api.GET('/api/v1/organisations/{id}/users', { params: { path: { id: orgId } } })) });
  const invitations = useQuery({
    queryKey: ['invitations', orgId],
    enabled: isAdmin,
    queryFn: async () => unwrap(await api.GET('/api/v1/organisations/{id}/invitations', { params: { path: { id: orgId } } })),
  });
  const setStatus = useMutation({
    mutationFn: async (v: { userId: string; status: 'active' | 'disabled' }) =>
      unwrap(await api.PATCH('/api/v1/organisations/{id}/users/{userId}', { params: { path: { id: orgId, userId: v.userId } }, body: { status: v.status } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['users', orgId] }),
  });
  const revoke = useMutation({
    mutationFn: async (invitationId: string) => unwrap(await api.DELETE('/api/v1/organisations/{id}/invitations/{invitationId}', { params: { path: { id: orgId, invitationId } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['invitations', orgId] }),
  });

  return (
    <Stack>
      <Title order={2} size="h3">
        {t('org.colleagues')}
      </Title>
      {setStatus.isError && <ErrorMessage error={setStatus.error} />}
      <QueryState query={users}>
        {(list) => (
          // Not striped: the Remove button's pale red on a grey row leaves its text under 4.5:1.
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('org.name')}</Table.Th>
                <Table.Th scope="col">{t('org.email')}</Table.Th>
                <Table.Th scope="col">{t('org.role')}</Table.Th>
                <Table.Th scope="col">{t('org.status')}</Table.Th>
                {isAdmin && <Table.Th scope="col" />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>{u.name}</Table.Td>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>{t(`org.role.${u.role}`)}</Table.Td>
                  <Table.Td>
                    <Badge variant="outline" color={u.status === 'active' ? '#1e7b3a' : 'gray.7'}>
                      {t(`org.status.${u.status}`)}
                    </Badge>
                  </Table.Td>
                  {isAdmin && (
                    <Table.Td>
                      {u.id !== selfId && (
                        <Button
                          size="xs"
                          variant="light"
                          color={u.status === 'active' ? 'red' : 'blue'}
                          loading={setStatus.isPending && setStatus.variables?.userId === u.id}
                          onClick={() => {
                            if (u.status === 'active' && !window.confirm(t('org.removeConfirm', { name: u.name }))) return;
                            setStatus.mutate({ userId: u.id, status: u.status === 'active' ? 'disabled' : 'active' });
                          }}
                        >
                          {u.status === 'active' ? t('org.remove') : t('org.restore')}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      {isAdmin && (
        <>
          <InviteForm orgId={orgId} />
          <Title order={2} size="h3">
            {t('org.invitations')}
          </Title>
          <QueryState query={invitations} isEmpty={(l) => l.every((i) => i.status !== 'pending')}>
            {(list) => (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('org.email')}</Table.Th>
                    <Table.Th scope="col">{t('org.role')}</Table.Th>
                    <Table.Th scope="col">{t('org.invitation.expires')}</Table.Th>
                    <Table.Th scope="col" />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list
                    .filter((i) => i.status === 'pending')
                    .map((i) => (
                      <Table.Tr key={i.id}>
                        <Table.Td>{i.email}</Table.Td>
                        <Table.Td>{t(`org.role.${i.role}`)}</Table.Td>
                        <Table.Td>{formatDate(i.expiresAt)}</Table.Td>
                        <Table.Td>
                          <Button size="xs" variant="light" color="red" onClick={() => revoke.mutate(i.id)} loading={revoke.isPending && revoke.variables === i.id}>
                            {t('org.invitation.revoke')}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            )}
          </QueryState>
        </>
      )}
    </Stack>
  );
}

function InviteForm({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'admin' | 'member'>('member');
  const invite = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/organisations/{id}/invitations', { params: { path: { id: orgId } }, body: { email, role } })),
    onSuccess: (created) => {
      notifications.show({ message: t('org.invite.sent', { email: created.email }), color: 'green' });
      setEmail('');
      void queryClient.invalidateQueries({ queryKey: ['invitations', orgId] });
    },
  });
  const fields = accountFieldErrors(invite.error, t);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate();
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Title order={2} size="h3" mb="sm">
          {t('org.invite')}
        </Title>
        {invite.isError && !fields.email && <ErrorMessage error={invite.error} />}
        <Group align="flex-end">
          <TextInput label={t('org.email')} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fields.email} />
          <NativeSelect
            label={t('org.role')}
            value={role}
            data={[
              { value: 'member', label: t('org.role.member') },
              { value: 'admin', label: t('org.role.admin') },
            ]}
            onChange={(e) => setRole(e.currentTarget.value as 'admin' | 'member')}
          />
          <Button type="submit" loading={invite.isPending}>
            {t('org.invite.send')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
