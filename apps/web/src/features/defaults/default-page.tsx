import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type Schemas } from '../../api/client';
import { ApiError, isApiError, unwrap } from '../../api/problem';
import { AuditTrail } from '../../components/audit-trail';
import { DaysLeft } from '../../components/days-left';
import { QueryState } from '../../components/states';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format';
import { daysUntil, ifMatch } from '../reports/lib';
import { StaleAlert } from '../reports/stale-alert';
import { useContract } from '../reports/use-contract';
import { DecisionForm } from './decision-form';
import { DefaultStatusBadge } from './default-status';
import { PenaltyBreakdown } from './penalty-breakdown';
import { ProblemAlert } from './problem-alert';
import { asLedger, asView, type DefaultView } from './types';

type Contract = Schemas['ContractDetailDto'];

/** One default: the proposal, its notice, the supplier's answer and the buyer's decision. */
export default function DefaultPage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['default', id], queryFn: async () => asView(unwrap(await api.GET('/api/v1/defaults/{id}', { params: { path: { id } } }))) });
  return <QueryState query={query}>{(record) => <DefaultDetail record={record} />}</QueryState>;
}

function DefaultDetail({ record }: { record: DefaultView }) {
  const { t } = useTranslation();
  const contract = useContract(record.contractId);
  const role = contract.data?.role;
  const timeZone = contract.data?.timeZone;
  const title = record.notice ? t('defaults.noticeTitle', { reference: record.notice.reference }) : t('defaults.proposalTitle');
  return (
    <Stack>
      <Title order={1}>{title}</Title>
      <Group gap="xs">
        <DefaultStatusBadge status={record.status} />
        <Badge variant="outline" color="gray.7" radius="sm">
          {t(`defaults.origin.${record.origin}`)}
        </Badge>
      </Group>
      <Table variant="vertical" withTableBorder maw={760}>
        <Table.Tbody>
          <Row label={t('defaults.contract')}>
            <Anchor component={Link} to={`/contracts/${record.contractId}`}>
              {record.contractReference}
            </Anchor>
          </Row>
          <Row label={t('defaults.supplier')}>{record.supplier.name}</Row>
          <Row label={t('defaults.subjectLabel')}>{t(`defaults.subject.${record.subject}`)}</Row>
          {record.missedDeadline && <Row label={t('defaults.missedDeadline')}>{formatDate(record.missedDeadline)}</Row>}
          <Row label={t('defaults.occurredOn')}>{formatDate(record.occurredOn)}</Row>
          <Row label={t('defaults.failing')}>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{record.failing}</Text>
          </Row>
        </Table.Tbody>
      </Table>

      {record.notice && <NoticeSection record={record} timeZone={timeZone} />}
      {record.status === 'dismissed' && (
        <Alert color="gray" title={t('defaults.dismissedTitle')}>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{record.dismissalReasons}</Text>
        </Alert>
      )}
      {record.response && (
        <Paper withBorder p="md">
          <Title order={2} size="h3">
            {t('defaults.responseTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('defaults.respondedAt', { date: formatDateTime(record.response.respondedAt, timeZone) })}
          </Text>
          <Text mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {record.response.text}
          </Text>
        </Paper>
      )}
      {record.factsAcknowledgedAt && !record.response && (
        <Alert color="gray" title={t('defaults.acknowledgedTitle')}>
          {t('defaults.acknowledgedText', { date: formatDateTime(record.factsAcknowledgedAt, timeZone) })}
        </Alert>
      )}

      {role === 'authority' && record.status === 'proposed' && contract.data && (
        <>
          <NoticeForm record={record} contract={contract.data} />
          <DismissForm record={record} />
        </>
      )}
      {role === 'supplier' && record.status === 'notified' && <ResponseForm record={record} timeZone={timeZone} />}
      {record.penaltyProposal && ['notified', 'answered', 'acknowledged'].includes(record.status) && (
        <PendingDecision record={record} contract={contract.data} />
      )}
      {record.decision && <DecisionView record={record} timeZone={timeZone} />}
      <AuditTrail entityType="default" entityId={record.id} />
    </Stack>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w={240}>
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

function NoticeSection({ record, timeZone }: { record: DefaultView; timeZone?: string }) {
  const { t } = useTranslation();
  const notice = record.notice!;
  const answering = record.status === 'notified';
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('defaults.notice')}
        </Title>
        <Table variant="vertical">
          <Table.Tbody>
            <Row label={t('defaults.reference')}>{notice.reference}</Row>
            <Row label={t('defaults.article')}>{notice.article}</Row>
            <Row label={t('defaults.sentOn')}>{`${formatDate(notice.sentOn)} (${formatDateTime(notice.sentAt, timeZone)})`}</Row>
            <Row label={t('defaults.remedyDeadline')}>{formatDate(notice.remedyDeadline)}</Row>
            <Row label={t('defaults.responseDeadline')}>
              <Group gap="xs">
                <span>{t('defaults.responseUntil', { date: formatDate(notice.responseDeadline), end: formatDateTime(notice.responsePeriodEndsAt, timeZone) })}</span>
                {answering && <DaysLeft days={daysUntil(notice.responseDeadline, timeZone)} />}
              </Group>
            </Row>
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

/** The buyer turns a proposal into a notice of default: failing, article and remedy deadline (defaults from the clause). */
function NoticeForm({ record, contract }: { record: DefaultView; contract: Contract }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const clause = useQuery({
    queryKey: ['clause', contract.id],
    queryFn: async () => unwrap(await api.GET('/api/v1/contracts/{id}/clause', { params: { path: { id: contract.id } } })),
  });
  const terms = clause.data?.inForce?.terms;
  const clauseArticle = terms?.articles[record.subject as keyof NonNullable<typeof terms>['articles']];
  const [failing, setFailing] = useState(record.failing);
  const [article, setArticle] = useState('');
  const [remedyDeadline, setRemedyDeadline] = useState('');
  const send = useMutation({
    mutationFn: async (version: number) =>
      asView(
        unwrap(
          await api.POST('/api/v1/defaults/{id}/notice', {
            params: { path: { id: record.id }, header: ifMatch(version) },
            body: { ...(failing.trim() && failing !== record.failing ? { failing } : {}), ...(article.trim() ? { article } : {}), ...(remedyDeadline ? { remedyDeadline } : {}) },
          }),
        ),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(['default', record.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['defaults'] });
      notifications.show({ color: 'green', message: t('defaults.noticeSent', { reference: saved.notice?.reference ?? '' }) });
    },
  });
  const fieldErrors = send.error instanceof ApiError ? send.error.fieldErrors : {};
  const stale = isApiError(send.error) && send.error.status === 412;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (window.confirm(t('defaults.noticeConfirm'))) send.mutate(record.version);
  };
  const reload = async () => {
    const fresh = asView(unwrap(await api.GET('/api/v1/defaults/{id}', { params: { path: { id: record.id } } })));
    queryClient.setQueryData(['default', record.id], fresh);
    if (fresh.status === 'proposed') send.mutate(fresh.version);
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h3">
            {t('defaults.sendNotice')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('defaults.noticeIntro', { response: terms?.noticeResponseDays ?? 15, remedy: terms?.noticeRemedyDays ?? 30 })}
          </Text>
          <Textarea label={t('defaults.failing')} autosize minRows={3} value={failing} onChange={(e) => setFailing(e.currentTarget.value)} error={fieldErrors.failing} />
          <TextInput
            label={t('defaults.article')}
            description={clauseArticle ? t('defaults.articleDefault', { article: clauseArticle }) : t('defaults.articleNone')}
            value={article}
            onChange={(e) => setArticle(e.currentTarget.value)}
            error={fieldErrors.article}
          />
          <TextInput
            type="date"
            label={t('defaults.remedyDeadline')}
            description={t('defaults.remedyDefault', { days: terms?.noticeRemedyDays ?? 30 })}
            value={remedyDeadline}
            onChange={(e) => setRemedyDeadline(e.currentTarget.value)}
            error={fieldErrors.remedyDeadline}
            maw={260}
          />
          {stale && <StaleAlert onReload={() => void reload().catch(() => notifications.show({ color: 'red', message: t('state.error') }))} loading={send.isPending} />}
          {send.isError && !stale && Object.keys(fieldErrors).length === 0 && <ProblemAlert error={send.error} />}
          <Group>
            <Button type="submit" loading={send.isPending}>
              {t('defaults.sendNotice')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function DismissForm({ record }: { record: DefaultView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reasons, setReasons] = useState('');
  const [missing, setMissing] = useState(false);
  const dismiss = useMutation({
    mutationFn: async (version: number) => asView(unwrap(await api.POST('/api/v1/defaults/{id}/dismiss', { params: { path: { id: record.id }, header: ifMatch(version) }, body: { reasons } }))),
    onSuccess: (saved) => {
      queryClient.setQueryData(['default', record.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['defaults'] });
      notifications.show({ color: 'green', message: t('defaults.dismissed') });
    },
  });
  const stale = isApiError(dismiss.error) && dismiss.error.status === 412;
  const fieldError = dismiss.error instanceof ApiError ? dismiss.error.fieldErrors.reasons : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reasons.trim()) return setMissing(true);
    dismiss.mutate(record.version);
  };
  const reload = async () => {
    const fresh = asView(unwrap(await api.GET('/api/v1/defaults/{id}', { params: { path: { id: record.id } } })));
    queryClient.setQueryData(['default', record.id], fresh);
    if (fresh.status === 'proposed') dismiss.mutate(fresh.version);
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h3">
            {t('defaults.dismiss')}
          </Title>
          <Textarea
            label={t('defaults.reasons')}
            required
            autosize
            minRows={2}
            value={reasons}
            onChange={(e) => {
              setReasons(e.currentTarget.value);
              setMissing(false);
            }}
            error={missing ? t('defaults.reasonsRequired') : fieldError}
          />
          {stale && <StaleAlert onReload={() => void reload().catch(() => notifications.show({ color: 'red', message: t('state.error') }))} loading={dismiss.isPending} />}
          {dismiss.isError && !stale && !fieldError && <ProblemAlert error={dismiss.error} />}
          <Group>
            <Button type="submit" variant="light" color="gray.8" loading={dismiss.isPending}>
              {t('defaults.dismiss')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** The supplier's defence, until the end of the response period (then the API answers 409 response_period_ended). */
function ResponseForm({ record, timeZone }: { record: DefaultView; timeZone?: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const respond = useMutation({
    mutationFn: async (version: number) => asView(unwrap(await api.POST('/api/v1/defaults/{id}/response', { params: { path: { id: record.id }, header: ifMatch(version) }, body: { text } }))),
    onSuccess: (saved) => {
      queryClient.setQueryData(['default', record.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['defaults'] });
      notifications.show({ color: 'green', message: t('defaults.responseSent') });
    },
  });
  const stale = isApiError(respond.error) && respond.error.status === 412;
  const fieldError = respond.error instanceof ApiError ? respond.error.fieldErrors.text : undefined;
  const notice = record.notice!;
  const days = daysUntil(notice.responseDeadline, timeZone);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setMissing(true);
    respond.mutate(record.version);
  };
  const reload = async () => {
    const fresh = asView(unwrap(await api.GET('/api/v1/defaults/{id}', { params: { path: { id: record.id } } })));
    queryClient.setQueryData(['default', record.id], fresh);
    if (fresh.status === 'notified') respond.mutate(fresh.version);
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h3">
            {t('defaults.answer')}
          </Title>
          <Group gap="xs">
            <Text>{t('defaults.answerUntil', { end: formatDateTime(notice.responsePeriodEndsAt, timeZone) })}</Text>
            <DaysLeft days={days} />
          </Group>
          <Text size="sm" c="dimmed">
            {t('defaults.answerIntro')}
          </Text>
          <Textarea
            label={t('defaults.answerText')}
            required
            autosize
            minRows={4}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setMissing(false);
            }}
            error={missing ? t('defaults.answerRequired') : fieldError}
          />
          {stale && <StaleAlert onReload={() => void reload().catch(() => notifications.show({ color: 'red', message: t('state.error') }))} loading={respond.isPending} />}
          {respond.isError && !stale && !fieldError && <ProblemAlert error={respond.error} />}
          <Group>
            <Button type="submit" loading={respond.isPending}>
              {t('defaults.sendAnswer')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** While a decision is pending: the buyer decides; auditors see the computed penalty. */
function PendingDecision({ record, contract }: { record: DefaultView; contract?: Contract }) {
  const { t } = useTranslation();
  const proposal = record.penaltyProposal!;
  const clause = useQuery({
    queryKey: ['clause', record.contractId],
    queryFn: async () => unwrap(await api.GET('/api/v1/contracts/{id}/clause', { params: { path: { id: record.contractId } } })),
  });
  const terms = clause.data?.versions.find((v) => v.id === proposal.clauseId)?.terms.penalties;
  const periodOpen = record.status === 'notified' && !!record.notice && daysUntil(record.notice.responseDeadline, contract?.timeZone) >= 0;
  if (contract?.role === 'authority')
    return (
      <Stack>
        {periodOpen && (
          <Alert color="blue" title={t('defaults.problem.response_period_open')}>
            {t('defaults.answerUntilBuyer', { end: formatDateTime(record.notice!.responsePeriodEndsAt, contract.timeZone) })}
          </Alert>
        )}
        <DecisionForm record={record} proposal={proposal} terms={terms} />
      </Stack>
    );
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h3">
          {t('defaults.pendingPenalty')}
        </Title>
        <PenaltyBreakdown proposal={proposal} terms={terms} />
      </Stack>
    </Paper>
  );
}

/** The decision, read-only, with the ledger entry it made. */
function DecisionView({ record, timeZone }: { record: DefaultView; timeZone?: string }) {
  const { t } = useTranslation();
  const decision = record.decision!;
  const ledger = useQuery({
    queryKey: ['ledger', record.contractId, 'penalty'],
    queryFn: async () => asLedger(unwrap(await api.GET('/api/v1/penalties', { params: { query: { contractId: record.contractId, kind: 'penalty' } } }))),
    retry: false,
  });
  const entries = (ledger.data?.items ?? []).filter((e) => e.defaultId === record.id);
  const original = entries.find((e) => ['applied', 'reduced', 'waived'].includes(e.outcome));
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('defaults.decision.decidedTitle')}
        </Title>
        <Table variant="vertical">
          <Table.Tbody>
            <Row label={t('defaults.decision.outcome')}>{t(`defaults.outcome.${decision.outcome}`)}</Row>
            {original && <Row label={t('defaults.decision.amountEntered')}>{formatMoney(original.amountCents, original.currency)}</Row>}
            {original && <Row label={t('defaults.calc.total')}>{formatMoney(original.computedCents, original.currency)}</Row>}
            <Row label={t('defaults.decision.decidedAt')}>{formatDateTime(decision.decidedAt, timeZone)}</Row>
            <Row label={t('defaults.decision.remediedOn')}>{decision.remediedOn ? formatDate(decision.remediedOn) : t('defaults.notRemedied')}</Row>
            <Row label={t('defaults.reasons')}>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{decision.reasons}</Text>
            </Row>
          </Table.Tbody>
        </Table>
        {entries.length > 1 && (
          <Text size="sm">
            <Anchor component={Link} to={`/defaults?tab=ledger&contract=${record.contractId}`}>
              {t('defaults.decision.corrected')}
            </Anchor>
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {t('defaults.decision.immutable')}
        </Text>
      </Stack>
    </Paper>
  );
}
