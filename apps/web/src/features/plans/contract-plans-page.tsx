import { Anchor, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { QueryState } from '../../components/states';
import { PlansList } from './plans-list';

/** The corrective action plans of one contract. */
export default function ContractPlansPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const contract = useQuery({
    queryKey: ['contract', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/contracts/{id}', { params: { path: { id } } })),
  });
  return (
    <QueryState query={contract}>
      {(c) => (
        <Stack>
          <Title order={1}>{t('plans.contractTitle', { reference: c.reference })}</Title>
          <Anchor component={Link} to={`/contracts/${c.id}`} w="fit-content">
            {c.title}
          </Anchor>
          <PlansList contractId={c.id} />
        </Stack>
      )}
    </QueryState>
  );
}
