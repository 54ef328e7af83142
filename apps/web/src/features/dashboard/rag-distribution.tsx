import { Group, Stack, Table, Text } from '@mantine/core';
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { RagBadge } from '../../components/rag-badge';
import { formatNumber } from '../../lib/format';
import { CHART_COLOUR, COLOURS, type ExecutionSummary } from './dashboard-types';

/** Assessments by RAG colour: a bar chart (named, described by the table) and the same figures as a table. */
export function RagDistribution({ assessments }: { assessments: ExecutionSummary['assessments'] }) {
  const { t } = useTranslation();
  const data = COLOURS.map((c) => ({ colour: c, name: t(`colour.${c}`), count: assessments.byColour[c] ?? 0 }));
  const summary = data.map((d) => `${d.name}: ${formatNumber(d.count)}`).join(', ');
  return (
    <Group align="flex-start" gap="xl" wrap="wrap">
      <div role="img" aria-label={t('dashboard.rag.chart', { summary })} style={{ width: 320, maxWidth: '100%', height: 220 }}>
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: 220 }}>
          <BarChart data={data} accessibilityLayer={false}>
            <XAxis dataKey="name" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="count" name={t('dashboard.rag.count')} isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.colour} fill={CHART_COLOUR[d.colour]} stroke="#1a1a1a" />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <Stack gap="xs">
        <Table withTableBorder w="auto">
          <Table.Caption>{t('dashboard.rag.caption', { total: formatNumber(assessments.total) })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('dashboard.rag.colour')}</Table.Th>
              <Table.Th scope="col">{t('dashboard.rag.count')}</Table.Th>
              <Table.Th scope="col">{t('dashboard.rag.share')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((d) => (
              <Table.Tr key={d.colour}>
                <Table.Th scope="row">
                  <RagBadge colour={d.colour} />
                </Table.Th>
                <Table.Td>{formatNumber(d.count)}</Table.Td>
                <Table.Td>{assessments.total > 0 ? formatNumber(d.count / assessments.total, { style: 'percent', maximumFractionDigits: 0 }) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {assessments.total === 0 && <Text c="dimmed">{t('dashboard.rag.none')}</Text>}
      </Stack>
    </Group>
  );
}
