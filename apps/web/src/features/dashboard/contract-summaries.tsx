import { Anchor, Button, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RagBadge } from '../../components/rag-badge';
import { formatNumber } from '../../lib/format';
import { COLOURS, type ContractSummary, DEADLINE_KINDS } from './dashboard-types';

const sum = (o: object) => Object.values(o).reduce((a: number, b) => a + (typeof b === 'number' ? b : 0), 0);

/** One page after another of the per-contract figures, with links to each contract and its supplier. */
export function ContractSummaries({ contracts, hasMore, loadMore, loading }: { contracts: ContractSummary[]; hasMore: boolean; loadMore: () => void; loading: boolean }) {
  const { t } = useTranslation();
  if (contracts.length === 0) return <Text c="dimmed">{t('dashboard.contracts.none')}</Text>;
  return (
    <>
      <Table.ScrollContainer minWidth={900}>
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('dashboard.contracts.contract')}</Table.Th>
              <Table.Th scope="col">{t('dashboard.contracts.supplier')}</Table.Th>
              <Table.Th scope="col">{t('nav.assessments')}</Table.Th>
              <Table.Th scope="col">{t('dashboard.contracts.findings')}</Table.Th>
              <Table.Th scope="col">{t('dashboard.overdue')}</Table.Th>
              <Table.Th scope="col">{t('dashboard.dueSoon')}</Table.Th>
              <Table.Th scope="col">{t('dashboard.contracts.defaults')}</Table.Th>
              <Table.Th scope="col">{t('dashboard.contracts.labels')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {contracts.map((c) => {
              const overdue = sum(c.overdue);
              return (
                <Table.Tr key={c.contractId}>
                  <Table.Th scope="row" fw="normal">
                    <Anchor component={Link} to={`/contracts/${c.contractId}`} fw={600}>
                      {c.reference}
                    </Anchor>
                    <Text size="sm">{c.title}</Text>
                  </Table.Th>
                  <Table.Td>
                    <Anchor component={Link} to={`/suppliers/${c.supplier.id}`}>
                      {c.supplier.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {COLOURS.filter((k) => c.assessments.byColour[k] > 0).map((k) => (
                        <RagBadge key={k} colour={k} label={`${t(`colour.${k}`)} ${formatNumber(c.assessments.byColour[k])}`} />
                      ))}
                      {c.assessments.total === 0 && <Text c="dimmed">0</Text>}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {t('dashboard.contracts.findingsBySeverity', { high: c.openFindings.high, medium: c.openFindings.medium, low: c.openFindings.low })}
                  </Table.Td>
                  <Table.Td c={overdue > 0 ? 'red.9' : undefined} fw={overdue > 0 ? 700 : undefined}>
                    {formatNumber(overdue)}
                    {overdue > 0 && (
                      <Text size="xs" c="dimmed">
                        {DEADLINE_KINDS.filter((k) => c.overdue[k] > 0)
                          .map((k) => `${t(`dashboard.kind.${k}`)}: ${c.overdue[k]}`)
                          .join(', ')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{formatNumber(sum(c.dueWithin30Days))}</Table.Td>
                  <Table.Td>{formatNumber(sum(c.defaults))}</Table.Td>
                  <Table.Td>{t('dashboard.contracts.labelsCount', { expiring: c.labels.expiringWithin90Days, expired: c.labels.expired })}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {hasMore && (
        <Button variant="light" onClick={loadMore} loading={loading} w="fit-content">
          {t('action.more')}
        </Button>
      )}
    </>
  );
}
