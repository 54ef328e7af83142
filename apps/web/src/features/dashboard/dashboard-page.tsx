import { SimpleGrid, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { QueryState } from '../../components/states';

interface Overall {
  assessments: { total: number; byColour: Record<string, number> };
  openFindings: Record<string, number>;
  overdue: Record<string, number>;
}

/** The buyer's and auditor's portfolio at a glance. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['dashboard'], queryFn: async () => unwrap(await api.GET('/api/v1/dashboard', { params: { query: {} } })) });
  return (
    <Stack>
      <Title order={1}>{t('nav.dashboard')}</Title>
      <QueryState query={query}>
        {(data) => {
          const overall = data.overall as unknown as Overall;
          const overdue = Object.values(overall.overdue).reduce((a, b) => a + b, 0);
          const findings = Object.values(overall.openFindings).reduce((a, b) => a + b, 0);
          return (
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Figure label={t('nav.assessments')} value={overall.assessments.total} />
              <Figure label={t('nav.findings')} value={findings} />
              <Figure label={t('dashboard.overdue')} value={overdue} />
            </SimpleGrid>
          );
        }}
      </QueryState>
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm">{label}</Text>
      <Text fz={28} fw={700}>
        {value}
      </Text>
    </Paper>
  );
}
