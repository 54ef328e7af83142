import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type Schemas } from '../../api/client';
import { unwrap } from '../../api/problem';
import { ErrorMessage, QueryState } from '../../components/states';
import { formatDate } from '../../lib/format';
import { todayIn } from './lib';
import { formatKpiNumber } from './report-editor';
import { useContract } from './use-contract';
import { Lateness, ReportStatusBadge } from './report-status';

type Contract = Schemas['ContractDetailDto'];
type Obligation = Schemas['ObligationDto'];

/** The reporting calendar of one contract: each period's obligation, its report and lateness; the KPIs of the clause in force. */
export default function ContractReportsPage() {
  const { id = '' } = useParams();
  const contract = useContract(id);
  return <QueryState query={contract}>{(c) => <ContractReports contract={c} />}</QueryState>;
}

function ContractReports({ contract }: { contract: Contract }) {
  const { t } = useTranslation();
  const obligations = useQuery({
    queryKey: ['report-obligations', contract.id],
    queryFn: async () => unwrap(await api.GET('/api/v1/contracts/{id}/report-obligations', { params: { path: { id: contract.id } } })),
  });
  const clause = useQuery({
    queryKey: ['clause', contract.id],
    queryFn: async () => unwrap(await api.GET('/api/v1/contracts/{id}/clause', { params: { path: { id: contract.id } } })),
  });
  return (
    <Stack>
      <Title order={1}>{t('reports.contractTitle', { reference: contract.reference })}</Title>
      <Text>
        <Anchor component={Link} to={`/contracts/${contract.id}`}>
          {contract.title}
        </Anchor>{' '}
        · {contract.supplier.name}
      </Text>
      <Title order={2} size="h3">
        {t('reports.obligations')}
      </Title>
      <QueryState query={obligations} isEmpty={(l) => l.length === 0} empty={t('reports.noObligations')}>
        {(list) => <ObligationsTable contract={contract} obligations={list} />}
      </QueryState>
      <Title order={2} size="h3">
        {t('reports.clauseKpis')}
      </Title>
      <QueryState query={clause} isEmpty={(c) => !c.inForce?.terms.reporting?.kpis.length} empty={t('reports.noKpis')}>
        {(c) => (
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {t('reports.clauseInForce', {
                version: c.inForce?.versionNumber,
                from: formatDate(c.inForce?.effectiveFrom),
                frequency: t(`reports.frequency.${c.inForce?.terms.reporting?.frequency ?? 'quarterly'}`),
                days: c.inForce?.terms.reporting?.dueDays,
              })}
            </Text>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('reports.kpi.code')}</Table.Th>
                  <Table.Th scope="col">{t('reports.kpi.name')}</Table.Th>
                  <Table.Th scope="col">{t('reports.kpi.unit')}</Table.Th>
                  <Table.Th scope="col">{t('reports.kpi.target')}</Table.Th>
                  <Table.Th scope="col">{t('reports.kpi.directionColumn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(c.inForce?.terms.reporting?.kpis ?? []).map((k) => (
                  <Table.Tr key={k.code}>
                    <Table.Td>
                      <code>{k.code}</code>
                    </Table.Td>
                    <Table.Td>{k.name}</Table.Td>
                    <Table.Td>{t(`reports.unit.${k.unit}`)}</Table.Td>
                    <Table.Td>{formatKpiNumber(k.target)}</Table.Td>
                    <Table.Td>{t(`reports.direction.${k.direction}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}

function ObligationsTable({ contract, obligations }: { contract: Contract; obligations: Obligation[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const today = todayIn(contract.timeZone);
  const start = useMutation({
    mutationFn: async (obligationId: string) => unwrap(await api.POST('/api/v1/reports', { body: { obligationId } })),
    onSuccess: (report) => {
      queryClient.setQueryData(['report', report.id], report);
      void queryClient.invalidateQueries({ queryKey: ['report-obligations', contract.id] });
      void navigate(`/reports/${report.id}`);
    },
  });
  const isSupplier = contract.role === 'supplier';
  return (
    <Stack>
      {start.isError && <ErrorMessage error={start.error} />}
      <Table striped>
        <Table.Caption>{t('reports.obligationsCaption', { timeZone: contract.timeZone })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reports.period')}</Table.Th>
            <Table.Th scope="col">{t('reports.dueDate')}</Table.Th>
            <Table.Th scope="col">{t('reports.statusColumn')}</Table.Th>
            <Table.Th scope="col">{t('reports.lateness')}</Table.Th>
            <Table.Th scope="col">{t('reports.report')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {obligations.map((o) => {
            const submitted = o.daysLate !== null;
            const period = `${formatDate(o.periodStart)} – ${formatDate(o.periodEnd)}`;
            return (
              <Table.Tr key={o.id}>
                <Table.Td>{period}</Table.Td>
                <Table.Td>{formatDate(o.dueDate)}</Table.Td>
                <Table.Td>
                  <ReportStatusBadge status={o.state} />
                </Table.Td>
                <Table.Td>{o.state === 'upcoming' ? '—' : <Lateness dueDate={o.dueDate} daysLate={o.daysLate} submitted={submitted} timeZone={contract.timeZone} />}</Table.Td>
                <Table.Td>
                  {o.reportId ? (
                    <Anchor component={Link} to={`/reports/${o.reportId}`} aria-label={t('reports.openReportFor', { period })}>
                      {t('reports.openReport')}
                    </Anchor>
                  ) : isSupplier && today >= o.periodStart ? (
                    <Group>
                      <Button size="xs" onClick={() => start.mutate(o.id)} loading={start.isPending && start.variables === o.id} aria-label={t('reports.startReportFor', { period })}>
                        {t('reports.startReport')}
                      </Button>
                    </Group>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('reports.notStarted')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
