import { Button, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { isApiError, unwrap } from '../api/problem';
import { useCurrentUser } from '../auth/auth';
import { formatDateTime } from '../lib/format';
import { ErrorMessage, Loading } from './states';

/**
 * The audit log of one record (action, who, when), newest first, page by page. Only admins may
 * read the log: others see a note.
 */
export function AuditTrail({ entityType, entityId }: { entityType: string; entityId: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const isAdmin = me.role === 'admin';
  const events = useInfiniteQuery({
    queryKey: ['audit-events', entityType, entityId],
    enabled: isAdmin,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/api/v1/audit-events', { params: { query: { entityType, entityId, limit: 50, before: pageParam } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    retry: (count, error) => !(isApiError(error) && error.status === 403) && count < 2,
  });
  const users = useQuery({
    queryKey: ['users', me.organisation.id],
    enabled: isAdmin,
    queryFn: async () => unwrap(await api.GET('/api/v1/organisations/{id}/users', { params: { path: { id: me.organisation.id } } })),
  });
  const names = new Map((users.data ?? []).map((u) => [u.id, u.name]));
  const who = (userId: string | null, orgId: string | null): string => {
    if (userId && names.has(userId)) return names.get(userId) ?? '';
    if (!userId) return t('review.audit.system');
    return orgId === me.organisation.id ? t('review.audit.colleague') : t('review.audit.otherOrganisation');
  };

  const heading = (
    <Title order={2} size="h3">
      {t('review.audit.title')}
    </Title>
  );
  if (!isAdmin || (events.isError && isApiError(events.error) && events.error.status === 403)) {
    return (
      <Stack gap="xs">
        {heading}
        <Text size="sm" c="dimmed">
          {t('review.audit.adminsOnly')}
        </Text>
      </Stack>
    );
  }
  if (events.isPending) return <Loading />;
  if (events.isError) return <ErrorMessage error={events.error} retry={() => void events.refetch()} />;
  const mine = events.data.pages.flatMap((p) => p.items);
  return (
    <Stack gap="xs">
      {heading}
      {mine.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('review.audit.none')}
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('review.audit.when')}</Table.Th>
              <Table.Th scope="col">{t('review.audit.action')}</Table.Th>
              <Table.Th scope="col">{t('review.audit.who')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {mine.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{formatDateTime(e.occurredAt)}</Table.Td>
                <Table.Td>
                  <code>{e.action}</code>
                </Table.Td>
                <Table.Td>{who(e.actorUserId, e.actorOrganisationId)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {events.hasNextPage && (
        <Button variant="subtle" size="xs" w="fit-content" onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
          {t('review.audit.older')}
        </Button>
      )}
    </Stack>
  );
}
