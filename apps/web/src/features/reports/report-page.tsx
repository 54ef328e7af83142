import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type Schemas } from '../../api/client';
import { ApiError, isApiError, unwrap } from '../../api/problem';
import { AuditTrail } from '../../components/audit-trail';
import { RagBadge } from '../../components/rag-badge';
import { ErrorMessage, QueryState } from '../../components/states';
import { formatDate, formatDateTime } from '../../lib/format';
import { ifMatch } from './lib';
import { ReportAttachments } from './report-attachments';
import { formatKpiNumber, ReportEditor } from './report-editor';
import { Lateness, ReportStatusBadge } from './report-status';
import { StaleAlert } from './stale-alert';
import { useContract } from './use-contract';

type Report = Schemas['ReportDto'];

/** One periodic report: the supplier writes and submits it, the buyer accepts or returns it, auditors read it. */
export default function ReportPage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['report', id], queryFn: async () => unwrap(await api.GET('/api/v1/reports/{id}', { params: { path: { id } } })) });
  return <QueryState query={query}>{(report) => <ReportView report={report} />}</QueryState>;
}

function ReportView({ report }: { report: Report }) {
  const { t } = useTranslation();
  const contract = useContract(report.contractId);
  const timeZone = contract.data?.timeZone;
  const writable = report.access === 'supplier' && (report.status === 'draft' || report.status === 'returned');
  const lastSubmission = report.submissions.at(-1);
  return (
    <Stack>
      <Title order={1}>{t('reports.reportTitle', { start: formatDate(report.periodStart), end: formatDate(report.periodEnd) })}</Title>
      <Group gap="xs">
        <ReportStatusBadge status={report.status} />
        <Lateness dueDate={report.dueDate} daysLate={report.daysLate} submitted={report.submissionCount > 0} timeZone={timeZone} />
      </Group>
      <Table variant="vertical" withTableBorder maw={720}>
        <Table.Tbody>
          <Row label={t('reports.contract')}>
            <Anchor component={Link} to={`/contracts/${report.contractId}/reports`}>
              {report.contractReference}
            </Anchor>
          </Row>
          <Row label={t('reports.authority')}>{report.authority.name}</Row>
          <Row label={t('reports.supplier')}>{report.supplier.name}</Row>
          <Row label={t('reports.period')}>{`${formatDate(report.periodStart)} – ${formatDate(report.periodEnd)}`}</Row>
          <Row label={t('reports.dueDate')}>{formatDate(report.dueDate)}</Row>
          <Row label={t('reports.clauseVersion')}>{report.obligation.clauseVersion}</Row>
          <Row label={t('reports.firstSubmitted')}>{report.firstSubmittedAt ? formatDateTime(report.firstSubmittedAt, timeZone) : '—'}</Row>
        </Table.Tbody>
      </Table>

      {report.status === 'returned' && lastSubmission?.comments && (
        <Alert color="orange" title={t('reports.returnedWith')}>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{lastSubmission.comments}</Text>
        </Alert>
      )}

      {writable ? <ReportEditor key={report.id} report={report} /> : <ReadOnlyValues report={report} />}
      {report.access === 'authority' && report.status === 'submitted' && <ReviewForm report={report} />}

      <ReportAttachments reportId={report.id} attachments={report.attachments} canUpload={writable} timeZone={timeZone} />
      <Submissions report={report} timeZone={timeZone} />
      <AuditTrail entityType="report" entityId={report.id} />
    </Stack>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w={220}>
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

/** The values as saved, with the colours of the latest submission. */
function ReadOnlyValues({ report }: { report: Report }) {
  const { t } = useTranslation();
  const results = new Map(report.results.map((r) => [r.code, r]));
  const values = new Map(report.kpiValues.map((v) => [v.code, v]));
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('reports.kpis')}
      </Title>
      {report.kpis.length === 0 ? (
        <Text c="dimmed">{t('reports.noKpis')}</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('reports.kpi.name')}</Table.Th>
              <Table.Th scope="col">{t('reports.kpi.target')}</Table.Th>
              <Table.Th scope="col">{t('reports.kpi.value')}</Table.Th>
              <Table.Th scope="col">{t('reports.kpi.margin')}</Table.Th>
              <Table.Th scope="col">{t('reports.kpi.result')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.kpis.map((kpi) => {
              const result = results.get(kpi.code);
              const value = result?.value ?? values.get(kpi.code)?.value;
              return (
                <Table.Tr key={kpi.code}>
                  <Table.Td>
                    <Text>{kpi.name}</Text>
                    <Text size="sm" c="dimmed">
                      {kpi.code} · {t(`reports.unit.${kpi.unit}`)} · {t(`reports.direction.${kpi.direction}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatKpiNumber(kpi.target)}</Table.Td>
                  <Table.Td>{value !== undefined ? `${formatKpiNumber(value)} ${t(`reports.unitShort.${kpi.unit}`)}` : '—'}</Table.Td>
                  <Table.Td>{result ? formatKpiNumber(result.margin) : '—'}</Table.Td>
                  <Table.Td>{result ? <RagBadge colour={result.colour} /> : <RagBadge colour="grey" />}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Title order={3} size="h4">
        {t('reports.narrative')}
      </Title>
      {report.narrative ? <Text style={{ whiteSpace: 'pre-wrap' }}>{report.narrative}</Text> : <Text c="dimmed">{t('reports.noNarrative')}</Text>}
    </Stack>
  );
}

/** The awarding authority accepts the submitted report, or returns it with comments. */
function ReviewForm({ report }: { report: Report }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [comments, setComments] = useState('');
  const review = useMutation({
    mutationFn: async ({ decision, version }: { decision: 'accept' | 'return'; version: number }) =>
      decision === 'accept'
        ? unwrap(await api.POST('/api/v1/reports/{id}/accept', { params: { path: { id: report.id }, header: ifMatch(version) }, body: comments.trim() ? { comments } : {} }))
        : unwrap(await api.POST('/api/v1/reports/{id}/return', { params: { path: { id: report.id }, header: ifMatch(version) }, body: { comments } })),
    onSuccess: (saved, { decision }) => {
      queryClient.setQueryData(['report', report.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
      void queryClient.invalidateQueries({ queryKey: ['report-obligations', report.contractId] });
      notifications.show({ color: 'green', message: decision === 'accept' ? t('reports.acceptedDone') : t('reports.returnedDone') });
    },
  });
  const [missingComment, setMissingComment] = useState(false);
  const stale = isApiError(review.error) && review.error.status === 412;
  const fieldError = review.error instanceof ApiError ? review.error.fieldErrors.comments : undefined;
  const reload = async () => {
    const fresh = unwrap(await api.GET('/api/v1/reports/{id}', { params: { path: { id: report.id } } }));
    queryClient.setQueryData(['report', report.id], fresh);
    if (fresh.status === 'submitted' && review.variables) review.mutate({ decision: review.variables.decision, version: fresh.version });
  };
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h3">
          {t('reports.review')}
        </Title>
        <Textarea
          label={t('reports.comments')}
          description={t('reports.commentsHint')}
          autosize
          minRows={3}
          value={comments}
          onChange={(e) => {
            setComments(e.currentTarget.value);
            setMissingComment(false);
          }}
          error={missingComment ? t('reports.commentsRequired') : fieldError}
        />
        {stale && <StaleAlert onReload={() => void reload().catch(() => notifications.show({ color: 'red', message: t('state.error') }))} loading={review.isPending} />}
        {review.isError && !stale && !fieldError && <ErrorMessage error={review.error} />}
        <Group>
          <Button color="green.9" onClick={() => review.mutate({ decision: 'accept', version: report.version })} loading={review.isPending && review.variables?.decision === 'accept'}>
            {t('reports.accept')}
          </Button>
          <Button
            color="orange.9"
            variant="light"
            onClick={() => {
              if (!comments.trim()) return setMissingComment(true);
              review.mutate({ decision: 'return', version: report.version });
            }}
            loading={review.isPending && review.variables?.decision === 'return'}
          >
            {t('reports.return')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function Submissions({ report, timeZone }: { report: Report; timeZone?: string }) {
  const { t } = useTranslation();
  if (report.submissions.length === 0) return null;
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('reports.submissions')}
      </Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reports.submissionNumber')}</Table.Th>
            <Table.Th scope="col">{t('reports.submittedAt')}</Table.Th>
            <Table.Th scope="col">{t('reports.daysLate')}</Table.Th>
            <Table.Th scope="col">{t('reports.decision')}</Table.Th>
            <Table.Th scope="col">{t('reports.comments')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...report.submissions].reverse().map((s) => (
            <Table.Tr key={s.number}>
              <Table.Td>{s.number}</Table.Td>
              <Table.Td>{formatDateTime(s.submittedAt, timeZone)}</Table.Td>
              <Table.Td>{s.daysLate > 0 ? t('reports.lateBy', { count: s.daysLate }) : t('reports.onTime')}</Table.Td>
              <Table.Td>{s.decision ? `${t(`reports.status.${s.decision}`)} · ${formatDateTime(s.decidedAt, timeZone)}` : t('reports.awaitingReview')}</Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{s.comments ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
