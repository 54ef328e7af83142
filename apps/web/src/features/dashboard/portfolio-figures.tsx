import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney, formatNumber } from '../../lib/format';
import { DEADLINE_KINDS, type ExecutionSummary, SEVERITIES } from './dashboard-types';

/** A figure as text, with its name (a group named by it, so a screen reader reads both together). */
export function Figure({ label, value, tone }: { label: string; value: number; tone?: 'alert' }) {
  const id = useId();
  return (
    <Paper withBorder p="md" role="group" aria-labelledby={id}>
      <Text size="sm" id={id}>
        {label}
      </Text>
      <Text fz={28} fw={700} c={tone === 'alert' && value > 0 ? 'red.9' : undefined}>
        {formatNumber(value)}
      </Text>
    </Paper>
  );
}

/** A part of the dashboard: a region named by its heading. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** Deadlines overdue and due within 30 days, per kind of deliverable. */
export function DeadlineFigures({ overall }: { overall: ExecutionSummary }) {
  const { t } = useTranslation();
  return (
    <Section title={t('dashboard.deadlines.title')}>
      <Table withTableBorder w="auto">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('dashboard.deadlines.kind')}</Table.Th>
            <Table.Th scope="col">{t('dashboard.overdue')}</Table.Th>
            <Table.Th scope="col">{t('dashboard.dueSoon')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {DEADLINE_KINDS.map((k) => (
            <Table.Tr key={k}>
              <Table.Th scope="row">{t(`dashboard.kind.${k}`)}</Table.Th>
              <Table.Td c={overall.overdue[k] > 0 ? 'red.9' : undefined} fw={overall.overdue[k] > 0 ? 700 : undefined}>
                {formatNumber(overall.overdue[k])}
              </Table.Td>
              <Table.Td>{formatNumber(overall.dueWithin30Days[k])}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

/** Open findings by severity, late reports, defaults waiting on someone, labels lapsing. */
export function FollowUpFigures({ overall }: { overall: ExecutionSummary }) {
  const { t } = useTranslation();
  return (
    <>
      <Section title={t('dashboard.findings.title')}>
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          {SEVERITIES.map((s) => (
            <Figure key={s} label={t(`dashboard.severity.${s}`)} value={overall.openFindings[s]} tone={s === 'high' ? 'alert' : undefined} />
          ))}
        </SimpleGrid>
      </Section>
      <Section title={t('dashboard.followUp.title')}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
          <Figure label={t('dashboard.reports.late')} value={overall.reports.submittedLate} tone="alert" />
          <Figure label={t('dashboard.defaults.proposed')} value={overall.defaults.proposed} />
          <Figure label={t('dashboard.defaults.awaitingResponse')} value={overall.defaults.awaitingResponse} />
          <Figure label={t('dashboard.defaults.awaitingDecision')} value={overall.defaults.awaitingDecision} />
          <Figure label={t('dashboard.labels.expiring')} value={overall.labels.expiringWithin90Days} />
          <Figure label={t('dashboard.labels.expired')} value={overall.labels.expired} tone="alert" />
        </SimpleGrid>
      </Section>
    </>
  );
}

/** Penalties, late fines, bonuses and maluses entered this year, per currency (integer cents). */
export function MoneyFigures({ overall }: { overall: ExecutionSummary }) {
  const { t } = useTranslation();
  return (
    <Section title={t('dashboard.money.title')}>
      {overall.moneyThisYear.length === 0 ? (
        <Text c="dimmed">{t('dashboard.money.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('dashboard.money.currency')}</Table.Th>
                <Table.Th scope="col">{t('dashboard.money.penalties')}</Table.Th>
                <Table.Th scope="col">{t('dashboard.money.lateFines')}</Table.Th>
                <Table.Th scope="col">{t('dashboard.money.bonuses')}</Table.Th>
                <Table.Th scope="col">{t('dashboard.money.maluses')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {overall.moneyThisYear.map((m) => (
                <Table.Tr key={m.currency}>
                  <Table.Th scope="row">{m.currency}</Table.Th>
                  <Table.Td>{formatMoney(m.penalties, m.currency)}</Table.Td>
                  <Table.Td>{formatMoney(m.lateFines, m.currency)}</Table.Td>
                  <Table.Td>{formatMoney(m.bonuses, m.currency)}</Table.Td>
                  <Table.Td>{formatMoney(m.maluses, m.currency)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
