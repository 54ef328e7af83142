import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { isApiError, unwrap } from '../../api/problem';
import { AuditTrail } from '../../components/audit-trail';
import { DaysLeft } from '../../components/days-left';
import { RagBadge } from '../../components/rag-badge';
import { ErrorMessage, QueryState } from '../../components/states';
import { formatDate, formatDateTime } from '../../lib/format';
import { daysUntil, EvidenceTable, EvidenceUpload, today } from '../review/shared';
import { answerColour, type Finding, FindingStatusBadge, SeverityBadge } from './labels';

/** One finding: where it comes from, its plan deadline (the buyer may move it), its evidence and its plan. */
export default function FindingPage() {
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['finding', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/findings/{id}', { params: { path: { id } } })),
  });
  return <QueryState query={query}>{(f) => <FindingView finding={f} />}</QueryState>;
}

function FindingView({ finding: f }: { finding: Finding }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const contract = useQuery({
    queryKey: ['contract', f.contractId],
    queryFn: async () => unwrap(await api.GET('/api/v1/contracts/{id}', { params: { path: { id: f.contractId } } })),
  });
  const role = contract.data?.role;
  const evidence = useQuery({
    queryKey: ['finding', f.id, 'evidence'],
    queryFn: async () => unwrap(await api.GET('/api/v1/findings/{id}/evidence', { params: { path: { id: f.id } } })),
  });
  const colour = answerColour(f);
  const answer = f.answer;

  return (
    <Stack>
      <Title order={1}>{f.title}</Title>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <Info label={t('findings.contract')}>
            <Anchor component={Link} to={`/contracts/${f.contractId}`}>
              {f.contractReference}
            </Anchor>
          </Info>
          <Info label={t('findings.supplier')}>{f.supplier.name}</Info>
          <Info label={t('findings.severityLabel')}>
            <SeverityBadge severity={f.severity} />
          </Info>
          <Info label={t('findings.colour')}>{colour ? <RagBadge colour={colour} /> : '—'}</Info>
          <Info label={t('findings.statusLabel')}>
            <FindingStatusBadge status={f.status} />
          </Info>
          <Info label={t('findings.sourceLabel')}>
            {t(`findings.source.${f.source}`)}
            {f.createdByOrganisation && ` · ${f.createdByOrganisation.name}`}
          </Info>
          <Info label={t('findings.themeLabel')}>{t(`findings.theme.${f.theme}`, { defaultValue: f.theme })}</Info>
          {f.assessmentId && (
            <Info label={t('findings.question')}>
              <Anchor component={Link} to={`/assessments/${f.assessmentId}`}>
                {f.questionCode ?? t('findings.assessment')}
              </Anchor>
              {f.revision !== null && ` · ${t('findings.revision', { number: f.revision })}`}
            </Info>
          )}
          {answer && answer.value !== undefined && <Info label={t('findings.answer')}>{Array.isArray(answer.value) ? answer.value.join(', ') : String(answer.value)}</Info>}
          <Info label={t('findings.createdAt')}>{formatDateTime(f.createdAt, contract.data?.timeZone)}</Info>
          {f.closedAt && <Info label={t('findings.closedAt')}>{formatDateTime(f.closedAt, contract.data?.timeZone)}</Info>}
        </SimpleGrid>
        {f.description && <Text mt="md">{f.description}</Text>}
      </Paper>

      <PlanDeadline finding={f} canEdit={role === 'authority' && f.status === 'open'} />
      <PlanLink finding={f} canPropose={f.status === 'open' && (role === 'supplier' || role === 'authority')} />

      <Title order={2}>{t('findings.evidence')}</Title>
      <QueryState query={evidence}>{(items) => <EvidenceTable items={items} />}</QueryState>
      {(role === 'authority' || role === 'auditor') && (
        <EvidenceUpload url={`/api/v1/findings/${f.id}/evidence`} onUploaded={() => void queryClient.invalidateQueries({ queryKey: ['finding', f.id, 'evidence'] })} />
      )}
      <AuditTrail entityType="finding" entityId={f.id} />
    </Stack>
  );
}

function Info({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <div>{children}</div>
    </div>
  );
}

function PlanDeadline({ finding: f, canEdit }: { finding: Finding; canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [date, setDate] = useState(f.planDueDate ?? '');
  const save = useMutation({
    mutationFn: async () => unwrap(await api.PATCH('/api/v1/findings/{id}', { params: { path: { id: f.id } }, body: { planDueDate: date } })),
    onSuccess: (updated) => {
      queryClient.setQueryData(['finding', f.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['findings'] });
      notifications.show({ color: 'green', message: t('state.saved') });
    },
  });
  const fields = isApiError(save.error) ? save.error.fieldErrors : {};
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3" mb="xs">
        {t('findings.planDueDate')}
      </Title>
      <Group gap="xs" mb={canEdit ? 'sm' : 0}>
        <Text>{formatDate(f.planDueDate)}</Text>
        {f.planDueDate && f.status === 'open' && <DaysLeft days={daysUntil(f.planDueDate)} />}
      </Group>
      {canEdit && (
        <Group align="flex-end">
          <TextInput type="date" label={t('findings.newPlanDueDate')} min={today()} value={date} error={fields.planDueDate} onChange={(e) => setDate(e.currentTarget.value)} />
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!date || date === f.planDueDate}>
            {t('action.save')}
          </Button>
        </Group>
      )}
      {save.isError && !fields.planDueDate && <ErrorMessage error={save.error} />}
    </Paper>
  );
}

/**
 * The plan that covers this finding. A finding does not name its plan, so the contract's plans are
 * read and the one listing this finding is picked (a rejected one only if no other covers it).
 */
function PlanLink({ finding: f, canPropose }: { finding: Finding; canPropose: boolean }) {
  const { t } = useTranslation();
  const plan = useQuery({
    queryKey: ['finding', f.id, 'plan'],
    queryFn: async () => {
      const page = unwrap(await api.GET('/api/v1/action-plans', { params: { query: { contractId: f.contractId, limit: 50 } } }));
      const plans = await Promise.all(page.items.map(async (p) => unwrap(await api.GET('/api/v1/action-plans/{id}', { params: { path: { id: p.id } } }))));
      const covering = plans.filter((p) => p.findings.some((x) => x.id === f.id));
      return covering.find((p) => p.status !== 'rejected') ?? covering[0] ?? null;
    },
  });
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3" mb="xs">
        {t('findings.plan')}
      </Title>
      <QueryState query={plan}>
        {(p) =>
          p ? (
            <Anchor component={Link} to={`/action-plans/${p.id}`}>
              {t('findings.planLink', { status: t(`plans.status.${p.status}`) })}
            </Anchor>
          ) : (
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('findings.noPlan')}</Text>
              {canPropose && (
                <Button component={Link} to={`/action-plans/new?findingId=${f.id}`} variant="light">
                  {t('findings.proposePlan')}
                </Button>
              )}
            </Stack>
          )
        }
      </QueryState>
    </Paper>
  );
}
