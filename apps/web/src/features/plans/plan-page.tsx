import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type Schemas } from '../../api/client';
import { isApiError, unwrap } from '../../api/problem';
import { AuditTrail } from '../../components/audit-trail';
import { DaysLeft } from '../../components/days-left';
import { QueryState } from '../../components/states';
import { formatDate, formatDateTime } from '../../lib/format';
import { FindingStatusBadge, SeverityBadge } from '../findings/labels';
import { daysUntil, EvidenceTable, EvidenceUpload, ifMatch, useContractTimeZone, WriteError } from '../review/shared';
import { type ActionDraft, ActionsEditor } from './actions-editor';
import { ActionStatusBadge, OverdueBadge, PlanStatusBadge } from './labels';

type Plan = Schemas['PlanDto'];
type Action = Schemas['PlanActionDto'];

/** One corrective action plan: the supplier drafts and works on it, the buyer approves, rejects and verifies. */
export default function PlanPage() {
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['plan', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/action-plans/{id}', { params: { path: { id } } })),
  });
  return <QueryState query={query}>{(p) => <PlanView plan={p} />}</QueryState>;
}

function PlanView({ plan: p }: { plan: Plan }) {
  const { t } = useTranslation();
  const isSupplier = p.access === 'supplier';
  const isAuthority = p.access === 'authority';
  const editable = p.status === 'draft' || p.status === 'rejected';
  const [editing, setEditing] = useState(false);
  const tz = useContractTimeZone(p.contract.id);

  return (
    <Stack>
      <Title order={1}>{t('plans.planTitle', { reference: p.contract.reference })}</Title>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <Info label={t('plans.contract')}>
            <Anchor component={Link} to={`/contracts/${p.contract.id}`}>
              {p.contract.reference}
            </Anchor>{' '}
            — {p.contract.title}
          </Info>
          <Info label={t('plans.supplier')}>{p.supplier.name}</Info>
          <Info label={t('plans.authority')}>{p.authority.name}</Info>
          <Info label={t('plans.statusLabel')}>
            <Group gap={4}>
              <PlanStatusBadge status={p.status} />
              {p.overdue && <OverdueBadge label={t('plans.planOverdue')} />}
              {p.overdueActions > 0 && <OverdueBadge label={t('plans.actionsOverdue', { count: p.overdueActions })} />}
            </Group>
          </Info>
          <Info label={t('plans.createdByLabel')}>
            {t(`plans.createdBy.${p.createdBy}`)} · {formatDate(p.createdOn)}
          </Info>
          <Info label={t('plans.progress')}>{t('plans.verifiedOf', { verified: p.verifiedActions, total: p.actionCount })}</Info>
          {p.submittedAt && <Info label={t('plans.submittedAt')}>{formatDateTime(p.submittedAt, tz)}</Info>}
          {p.approvedAt && <Info label={t('plans.approvedAt')}>{formatDateTime(p.approvedAt, tz)}</Info>}
          {p.verifiedAt && <Info label={t('plans.verifiedAt')}>{formatDateTime(p.verifiedAt, tz)}</Info>}
        </SimpleGrid>
      </Paper>

      {p.rejectionComments && editable && (
        <Alert color="red" title={t('plans.rejectionComments')}>
          {p.rejectionComments}
        </Alert>
      )}

      <PlanDecisions plan={p} isSupplier={isSupplier} isAuthority={isAuthority} onEdit={() => setEditing(true)} editing={editing} />

      <Title order={2}>{t('plans.findings')}</Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('plans.finding')}</Table.Th>
            <Table.Th scope="col">{t('plans.severity')}</Table.Th>
            <Table.Th scope="col">{t('plans.findingStatus')}</Table.Th>
            <Table.Th scope="col">{t('plans.planDueDate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {p.findings.map((f) => (
            <Table.Tr key={f.id}>
              <Table.Td>
                <Anchor component={Link} to={`/findings/${f.id}`}>
                  {f.title}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <SeverityBadge severity={f.severity} />
              </Table.Td>
              <Table.Td>
                <FindingStatusBadge status={f.status} />
              </Table.Td>
              <Table.Td>
                <Group gap="xs">
                  {formatDate(f.planDueDate)}
                  {f.planDueDate && editable && <DaysLeft days={daysUntil(f.planDueDate)} />}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      {editing && isSupplier && editable ? (
        <EditPlan plan={p} onDone={() => setEditing(false)} />
      ) : (
        <>
          <Title order={2}>{t('plans.rootCause')}</Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{p.rootCause}</Text>
          <Title order={2}>{t('plans.actions')}</Title>
          {p.actions.length === 0 && <Text c="dimmed">{t('plans.noActions')}</Text>}
          {p.actions.map((a) => (
            <ActionCard key={a.id} plan={p} action={a} timeZone={tz} />
          ))}
        </>
      )}

      {isAuthority && p.status !== 'verified' && <ProposeActions plan={p} />}
      <AuditTrail entityType="action_plan" entityId={p.id} />
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

function usePlanUpdate(plan: Plan) {
  const queryClient = useQueryClient();
  return {
    done: (updated: Plan) => {
      queryClient.setQueryData(['plan', plan.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['action-plans'] });
    },
    reload: () => void queryClient.invalidateQueries({ queryKey: ['plan', plan.id] }),
  };
}

/** Submit (the supplier), approve or reject (the buyer): only what the plan's status allows. */
function PlanDecisions({ plan: p, isSupplier, isAuthority, onEdit, editing }: { plan: Plan; isSupplier: boolean; isAuthority: boolean; onEdit: () => void; editing: boolean }) {
  const { t } = useTranslation();
  const { done, reload } = usePlanUpdate(p);
  const [comments, setComments] = useState('');
  const header = { 'If-Match': ifMatch(p.version) };
  const submit = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/action-plans/{id}/submit', { params: { path: { id: p.id }, header } })),
    onSuccess: (u) => {
      done(u);
      notifications.show({ color: 'green', message: t('plans.submitted') });
    },
  });
  const approve = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/action-plans/{id}/approve', { params: { path: { id: p.id }, header } })),
    onSuccess: (u) => {
      done(u);
      notifications.show({ color: 'green', message: t('plans.approved') });
    },
  });
  const reject = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/action-plans/{id}/reject', { params: { path: { id: p.id }, header }, body: { comments } })),
    onSuccess: (u) => {
      done(u);
      setComments('');
      notifications.show({ color: 'green', message: t('plans.rejected') });
    },
  });
  const canSubmit = isSupplier && (p.status === 'draft' || p.status === 'rejected');
  const canDecide = isAuthority && p.status === 'submitted';
  if (!canSubmit && !canDecide) return null;
  const rejectErrors = isApiError(reject.error) ? reject.error.fieldErrors : {};
  const error = submit.error ?? approve.error ?? (rejectErrors.comments ? null : reject.error);
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3" mb="sm">
        {t('plans.decision')}
      </Title>
      <Stack gap="sm">
        {canSubmit && (
          <Group>
            {!editing && (
              <Button variant="light" onClick={onEdit}>
                {t('plans.edit')}
              </Button>
            )}
            <Button onClick={() => submit.mutate()} loading={submit.isPending}>
              {t('plans.submit')}
            </Button>
          </Group>
        )}
        {canDecide && (
          <>
            <Button color="green.8" w="fit-content" onClick={() => approve.mutate()} loading={approve.isPending}>
              {t('plans.approve')}
            </Button>
            <Textarea label={t('plans.rejectComments')} autosize minRows={2} value={comments} error={rejectErrors.comments} onChange={(e) => setComments(e.currentTarget.value)} />
            <Button color="red.8" variant="outline" w="fit-content" onClick={() => reject.mutate()} loading={reject.isPending} disabled={comments.trim() === ''}>
              {t('plans.reject')}
            </Button>
          </>
        )}
        {error && <WriteError error={error} onReload={reload} />}
      </Stack>
    </Paper>
  );
}

/** The supplier revises a draft or rejected plan: root cause and the whole list of actions. */
function EditPlan({ plan: p, onDone }: { plan: Plan; onDone: () => void }) {
  const { t } = useTranslation();
  const { done, reload } = usePlanUpdate(p);
  const [rootCause, setRootCause] = useState(p.rootCause);
  const [actions, setActions] = useState<ActionDraft[]>(p.actions.map((a) => ({ id: a.id, description: a.description, owner: a.owner, dueDate: a.dueDate })));
  const save = useMutation({
    mutationFn: async () =>
      unwrap(await api.PATCH('/api/v1/action-plans/{id}', { params: { path: { id: p.id }, header: { 'If-Match': ifMatch(p.version) } }, body: { rootCause, actions } })),
    onSuccess: (u) => {
      done(u);
      notifications.show({ color: 'green', message: t('state.saved') });
      onDone();
    },
  });
  const fields = isApiError(save.error) ? save.error.fieldErrors : {};
  const named = Object.keys(fields).some((k) => k === 'rootCause' || k.startsWith('actions.'));
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2}>{t('plans.edit')}</Title>
        <Textarea label={t('plans.rootCause')} required autosize minRows={3} value={rootCause} error={fields.rootCause} onChange={(e) => setRootCause(e.currentTarget.value)} />
        <Title order={3}>{t('plans.actions')}</Title>
        <ActionsEditor value={actions} onChange={setActions} errors={fields} />
        {save.isError && !named && <WriteError error={save.error} onReload={reload} />}
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t('action.save')}
          </Button>
          <Button variant="subtle" onClick={onDone}>
            {t('action.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** The buyer proposes actions; they are appended as proposed, for the supplier to accept. */
function ProposeActions({ plan: p }: { plan: Plan }) {
  const { t } = useTranslation();
  const { done, reload } = usePlanUpdate(p);
  const [actions, setActions] = useState<ActionDraft[]>([]);
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/api/v1/action-plans/{id}', {
          params: { path: { id: p.id }, header: { 'If-Match': ifMatch(p.version) } },
          body: { proposedActions: actions.map(({ description, owner, dueDate }) => ({ description, owner, dueDate })) },
        }),
      ),
    onSuccess: (u) => {
      done(u);
      setActions([]);
      notifications.show({ color: 'green', message: t('plans.proposed') });
    },
  });
  const fields = isApiError(save.error) ? save.error.fieldErrors : {};
  const named = Object.keys(fields).some((k) => k.startsWith('proposedActions.'));
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h3">
          {t('plans.proposeActions')}
        </Title>
        <Text size="sm">{t('plans.proposeHelp')}</Text>
        <ActionsEditor value={actions} onChange={setActions} errors={fields} prefix="proposedActions" />
        {save.isError && !named && <WriteError error={save.error} onReload={reload} />}
        {actions.length > 0 && (
          <Button w="fit-content" onClick={() => save.mutate()} loading={save.isPending}>
            {t('plans.sendProposal')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

/** One action: its status steps (the supplier), evidence, and verification (the buyer). */
function ActionCard({ plan: p, action: a, timeZone }: { plan: Plan; action: Action; timeZone?: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['plan', p.id] });
    void queryClient.invalidateQueries({ queryKey: ['action-plans'] });
  };
  const header = { 'If-Match': ifMatch(a.version) };
  const update = useMutation({
    mutationFn: async (body: { status?: 'in_progress' | 'done'; accept?: true }) =>
      unwrap(await api.PATCH('/api/v1/action-plans/{id}/actions/{actionId}', { params: { path: { id: p.id, actionId: a.id }, header }, body })),
    onSuccess: reload,
  });
  const verify = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/action-plans/{id}/actions/{actionId}/verify', { params: { path: { id: p.id, actionId: a.id }, header } })),
    onSuccess: reload,
  });
  const isSupplier = p.access === 'supplier';
  const isAuthority = p.access === 'authority';
  const approved = p.status === 'approved';
  const finished = a.status === 'done' || a.status === 'verified';
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h4">
            {t('plans.actionNumber', { number: a.position })}
          </Title>
          <Group gap={4}>
            <ActionStatusBadge status={a.status} />
            {a.overdue && <OverdueBadge label={t('plans.actionOverdue')} />}
          </Group>
        </Group>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{a.description}</Text>
        <Group gap="lg">
          <Text size="sm">
            <strong>{t('plans.owner')}:</strong> {a.owner}
          </Text>
          <Group gap="xs">
            <Text size="sm">
              <strong>{t('plans.dueDate')}:</strong> {formatDate(a.dueDate)}
            </Text>
            {!finished && (a.overdue || approved) && <DaysLeft days={daysUntil(a.dueDate)} />}
          </Group>
          {a.doneOn && (
            <Text size="sm">
              <strong>{t('plans.doneOn')}:</strong> {formatDate(a.doneOn)}
            </Text>
          )}
          {a.verifiedAt && (
            <Text size="sm">
              <strong>{t('plans.verifiedAt')}:</strong> {formatDateTime(a.verifiedAt, timeZone)}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {t(`plans.proposedBy.${a.proposedBy}`)}
          </Text>
        </Group>
        <Group>
          {isSupplier && a.status === 'proposed' && (
            <Button size="xs" onClick={() => update.mutate({ accept: true })} loading={update.isPending}>
              {t('plans.acceptAction')}
            </Button>
          )}
          {isSupplier && approved && a.status === 'planned' && (
            <Button size="xs" onClick={() => update.mutate({ status: 'in_progress' })} loading={update.isPending}>
              {t('plans.start')}
            </Button>
          )}
          {isSupplier && approved && a.status === 'in_progress' && (
            <Button size="xs" onClick={() => update.mutate({ status: 'done' })} loading={update.isPending}>
              {t('plans.markDone')}
            </Button>
          )}
          {isAuthority && a.status === 'done' && (
            <Button size="xs" color="green.8" onClick={() => verify.mutate()} loading={verify.isPending}>
              {t('plans.verify')}
            </Button>
          )}
        </Group>
        {update.isError && <WriteError error={update.error} onReload={reload} />}
        {verify.isError && <WriteError error={verify.error} onReload={reload} />}
        <Title order={4} size="h5">
          {t('plans.evidence')}
        </Title>
        <EvidenceTable items={a.evidence} />
        {isSupplier && p.status !== 'verified' && a.status !== 'verified' && (
          <EvidenceUpload url={`/api/v1/action-plans/${p.id}/actions/${a.id}/evidence`} label={t('plans.evidenceFor', { number: a.position })} onUploaded={reload} />
        )}
      </Stack>
    </Paper>
  );
}

