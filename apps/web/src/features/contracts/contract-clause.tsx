import { Button, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Schemas } from '../../api/client';
import { unwrap } from '../../api/problem';
import { QueryState } from '../../components/states';
import { formatDate, formatMoney, formatNumber } from '../../lib/format';
import { ClauseEditor } from './clause-editor';
import type { Contract } from './contract-api';

type Terms = Schemas['ClauseTermsDto'];
type Cap = Schemas['CapDto'];

const basisPoints = (bp: number) => formatNumber(bp / 10000, { style: 'percent', maximumFractionDigits: 2 });

/** The due-diligence clause in force (summary) and its versions; the awarding authority writes or changes it. */
export function ContractClause({ contract }: { contract: Contract }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  // Only the awarding authority may write the clause (the API answers 403 to everyone else).
  const canEdit = contract.role === 'authority';
  const clause = useQuery({
    queryKey: ['contract', contract.id, 'clause'],
    queryFn: async () => unwrap(await api.GET('/api/v1/contracts/{id}/clause', { params: { path: { id: contract.id } } })),
  });
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('contracts.tab.clause')}
      </Title>
      {canEdit && clause.data && (
        editing ? (
          <ClauseEditor
            contract={contract}
            // The latest version (a change already planned for a later date is the buyer's last word), else the one in force.
            current={(clause.data.versions.at(-1) ?? clause.data.inForce)?.terms}
            latestVersion={clause.data.versions.at(-1)?.versionNumber ?? 0}
            onClose={() => setEditing(false)}
          />
        ) : (
          <Button w="fit-content" onClick={() => setEditing(true)}>
            {clause.data.versions.length === 0 ? t('contracts.clauseForm.write') : t('contracts.clauseForm.change')}
          </Button>
        )
      )}
      <QueryState query={clause} isEmpty={(c) => c.versions.length === 0 && !c.inForce} empty={t('contracts.clause.none')}>
        {(c) => {
          // Before the contract starts no version is in force yet: the latest one is shown.
          const shown = c.inForce ?? c.versions[c.versions.length - 1];
          return (
            <Stack gap="lg">
              <Text>{t(c.inForce ? 'contracts.clause.inForce' : 'contracts.clause.upcoming', { version: shown.versionNumber, date: formatDate(shown.effectiveFrom) })}</Text>
              <TermsSummary terms={shown.terms} contract={contract} />
              {c.versions.length > 0 && (
                <Stack gap="xs">
                  <Title order={3} size="h4">
                    {t('contracts.clause.versions')}
                  </Title>
                  <Table withTableBorder w="auto">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('contracts.clause.version')}</Table.Th>
                        <Table.Th scope="col">{t('contracts.clause.effectiveFrom')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {c.versions.map((v) => (
                        <Table.Tr key={v.id}>
                          <Table.Td>{formatNumber(v.versionNumber)}</Table.Td>
                          <Table.Td>{formatDate(v.effectiveFrom)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Stack>
              )}
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}

function TermsSummary({ terms, contract }: { terms: Terms; contract: Contract }) {
  const { t } = useTranslation();
  const money = (cents: number) => formatMoney(cents, contract.currency);
  const cap = (c: Cap | undefined) => [c?.amountCents != null ? money(c.amountCents) : null, c?.basisPoints != null ? t('contracts.clause.ofValue', { rate: basisPoints(c.basisPoints) }) : null].filter(Boolean).join(' / ') || '—';
  const perDefault = terms.penalties?.perDefault;
  const rows: Array<[string, string]> = [
    [t('contracts.clause.reporting'), terms.reporting ? t('contracts.clause.reportingValue', { frequency: t(`contracts.frequency.${terms.reporting.frequency}`), days: terms.reporting.dueDays }) : '—'],
    [t('contracts.clause.reassessment'), terms.reassessment ? t('contracts.clause.reassessmentValue', { months: terms.reassessment.intervalMonths, days: terms.reassessment.responseDays }) : '—'],
    [t('contracts.clause.noticeResponseDays'), t('contracts.clause.days', { count: terms.noticeResponseDays })],
    [t('contracts.clause.noticeRemedyDays'), t('contracts.clause.days', { count: terms.noticeRemedyDays })],
    [t('contracts.clause.planDeadlineDays'), t('contracts.clause.days', { count: terms.planDeadlineDays })],
    [
      t('contracts.clause.perDefault'),
      !perDefault
        ? '—'
        : perDefault.kind === 'fixed'
          ? money(perDefault.amountCents ?? 0)
          : [t('contracts.clause.ofValue', { rate: basisPoints(perDefault.basisPoints ?? 0) }), perDefault.minCents != null ? `≥ ${money(perDefault.minCents)}` : null, perDefault.maxCents != null ? `≤ ${money(perDefault.maxCents)}` : null]
              .filter(Boolean)
              .join(', '),
    ],
    [t('contracts.clause.perDay'), terms.penalties?.perDay ? `${money(terms.penalties.perDay.amountCents)} (${t('contracts.clause.cap')}: ${cap(terms.penalties.perDay.cap)})` : '—'],
    [t('contracts.clause.cumulativeCap'), terms.penalties?.cumulativeCap ? cap(terms.penalties.cumulativeCap) : '—'],
    [
      t('contracts.clause.lateFines'),
      terms.lateFines ? t('contracts.clause.lateFinesValue', { rate: basisPoints(terms.lateFines.ratePerDayBasisPoints), cap: basisPoints(terms.lateFines.capBasisPoints) }) : '—',
    ],
  ];
  const articles = Object.entries(terms.articles ?? {}).filter(([, v]) => v);
  return (
    <Stack gap="lg">
      <Table withTableBorder w="auto">
        <Table.Tbody>
          {rows.map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Th scope="row">{k}</Table.Th>
              <Table.Td>{v}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {articles.length > 0 && (
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t('contracts.clause.articles')}
          </Title>
          <Table withTableBorder w="auto">
            <Table.Tbody>
              {articles.map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Th scope="row">{t(`contracts.clause.article.${k}`)}</Table.Th>
                  <Table.Td>{v}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
      {terms.reporting && terms.reporting.kpis.length > 0 && (
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t('contracts.clause.kpis')}
          </Title>
          <Table.ScrollContainer minWidth={600}>
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('contracts.clause.kpi')}</Table.Th>
                  <Table.Th scope="col">{t('contracts.clause.target')}</Table.Th>
                  <Table.Th scope="col">{t('contracts.clause.amberThreshold')}</Table.Th>
                  <Table.Th scope="col">{t('contracts.clause.direction')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {terms.reporting.kpis.map((k) => (
                  <Table.Tr key={k.code}>
                    <Table.Td>
                      <Text fw={600} size="sm">
                        {k.code}
                      </Text>
                      <Text size="sm">{k.name}</Text>
                    </Table.Td>
                    <Table.Td>
                      {k.target} {t(`contracts.unit.${k.unit}`)}
                    </Table.Td>
                    <Table.Td>{k.amberThreshold != null ? `${k.amberThreshold} ${t(`contracts.unit.${k.unit}`)}` : '—'}</Table.Td>
                    <Table.Td>{t(`contracts.direction.${k.direction}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
      {terms.bonusMalus && terms.bonusMalus.length > 0 && (
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t('contracts.clause.bonusMalus')}
          </Title>
          <Table withTableBorder w="auto">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('contracts.clause.kpi')}</Table.Th>
                <Table.Th scope="col">{t('contracts.clause.bonusPerUnit')}</Table.Th>
                <Table.Th scope="col">{t('contracts.clause.malusPerUnit')}</Table.Th>
                <Table.Th scope="col">{t('contracts.clause.capPerPeriod')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {terms.bonusMalus.map((b) => (
                <Table.Tr key={b.kpiCode}>
                  <Table.Td>{b.kpiCode}</Table.Td>
                  <Table.Td>{money(b.bonusCentsPerUnit)}</Table.Td>
                  <Table.Td>{money(b.malusCentsPerUnit)}</Table.Td>
                  <Table.Td>{money(b.capCents)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}
