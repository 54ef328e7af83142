import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Schemas } from '../../api/client';
import { unwrap } from '../../api/problem';
import { DaysLeft } from '../../components/days-left';
import { QueryState } from '../../components/states';
import { formatDate } from '../../lib/format';

type Deadline = Schemas['DeadlineDto'];

/** Where each kind of deadline is dealt with in the portal. */
export function deadlineLink(d: Deadline): string {
  switch (d.subject) {
    case 'assessment':
      return `/assessments/${d.subjectId}`;
    case 'report':
      return `/contracts/${d.contractId}/reports`;
    case 'action_plan':
      return `/findings/${d.subjectId}`;
    case 'action':
      return `/contracts/${d.contractId}/action-plans`;
    case 'notice_response':
      return `/defaults/${d.subjectId}`;
  }
}

/** Everything due (assessments, plans, actions, reports, notices of default), soonest first, with days left. */
export function DueList() {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['deadlines'],
    queryFn: async () => unwrap(await api.GET('/api/v1/deadlines', { params: { query: { limit: 200 } } })),
  });
  return (
    <Stack>
      <Title order={1}>{t('home.title')}</Title>
      <QueryState query={query} isEmpty={(d) => d.length === 0} empty={t('home.nothingDue')}>
        {(deadlines) => (
          <Table striped highlightOnHover>
            <Table.Caption>{t('home.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('home.what')}</Table.Th>
                <Table.Th scope="col">{t('home.contract')}</Table.Th>
                <Table.Th scope="col">{t('home.deadline')}</Table.Th>
                <Table.Th scope="col">{t('home.daysLeft')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...deadlines]
                .sort((a, b) => a.deadline.localeCompare(b.deadline))
                .map((d) => (
                  <Table.Tr key={`${d.subject}-${d.subjectId}-${d.deadline}`}>
                    <Table.Td>
                      <Anchor component={Link} to={deadlineLink(d)}>
                        {t(`home.subject.${d.subject}`)}
                      </Anchor>
                      <Text size="sm" c="dimmed">
                        {d.subject === 'report' ? d.label.replace(/\d{4}-\d{2}-\d{2}/g, (iso) => formatDate(iso)) : d.label}
                      </Text>
                    </Table.Td>
                    <Table.Td>{d.contractReference}</Table.Td>
                    <Table.Td>{formatDate(d.deadline)}</Table.Td>
                    <Table.Td>
                      <DaysLeft days={d.daysLeft} />
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Stack>
  );
}
