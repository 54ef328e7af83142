import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { useCurrentUser } from '../../auth/auth';
import { QueryState } from '../../components/states';
import { formatCountry } from '../../lib/format';
import { OrganisationMembers } from './organisation-page';

/** One organisation as the platform admin sees it: its details, its users, and invitations (e.g. its first admin). */
export default function PlatformOrganisationPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { id = '' } = useParams<{ id: string }>();
  const organisation = useQuery({ queryKey: ['organisation', id], queryFn: async () => unwrap(await api.GET('/api/v1/organisations/{id}', { params: { path: { id } } })) });
  return (
    <QueryState query={organisation}>
      {(o) => (
        <Stack>
          <Anchor component={Link} to="/organisations" size="sm">
            {t('orgs.back')}
          </Anchor>
          <Title order={1}>{o.name}</Title>
          <Text>
            {t(`org.kind.${o.kind}`)} · {o.country ? formatCountry(o.country) : '—'}
            {o.registrationNumber ? ` · ${o.registrationNumber}` : ''}
          </Text>
          <OrganisationMembers orgId={o.id} canAdminister selfId={me.id} />
        </Stack>
      )}
    </QueryState>
  );
}
