import { Stack, Table } from '@mantine/core';
import { Bar, BarChart, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n/i18n';
import { formatNumber } from '../../lib/format';
import { CHART_COLOUR, COLOURS, type TrendMonth } from './dashboard-types';

const LOCALE: Record<string, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };

/** "2027-05" → "May 2027" in the chosen language (a calendar month: no time zone shift). */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALE[i18n.language] ?? 'en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** Submitted assessments per month by colour: a stacked bar chart with a legend, and the same figures as a table. */
export function TrendChart({ trend }: { trend: TrendMonth[] }) {
  const { t } = useTranslation();
  const data = trend.map((m) => ({ ...m, label: formatMonth(m.month) }));
  const total = trend.reduce((sum, m) => sum + COLOURS.reduce((s, c) => s + (m[c] ?? 0), 0), 0);
  return (
    <Stack>
      <div role="img" aria-label={t('dashboard.trend.chart', { total: formatNumber(total), months: trend.length })} style={{ width: '100%', height: 260 }}>
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: 220 }}>
          <BarChart data={data} accessibilityLayer={false}>
            <XAxis dataKey="label" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            {COLOURS.map((c) => (
              <Bar key={c} dataKey={c} name={t(`colour.${c}`)} stackId="rag" fill={CHART_COLOUR[c]} stroke="#1a1a1a" isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <Table.ScrollContainer minWidth={480}>
        <Table withTableBorder striped>
          <Table.Caption>{t('dashboard.trend.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('dashboard.trend.month')}</Table.Th>
              {COLOURS.map((c) => (
                <Table.Th scope="col" key={c}>
                  {t(`colour.${c}`)}
                </Table.Th>
              ))}
              <Table.Th scope="col">{t('dashboard.total')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((m) => (
              <Table.Tr key={m.month}>
                <Table.Th scope="row">{m.label}</Table.Th>
                {COLOURS.map((c) => (
                  <Table.Td key={c}>{formatNumber(m[c] ?? 0)}</Table.Td>
                ))}
                <Table.Td>{formatNumber(COLOURS.reduce((s, c) => s + (m[c] ?? 0), 0))}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
