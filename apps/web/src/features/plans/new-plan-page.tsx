import { Button, Checkbox, Fieldset, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, type Schemas } from '../../api/client';
import { isApiError, unwrap } from '../../api/problem';
import { ErrorMessage, QueryState } from '../../components/states';
import { formatDate } from '../../lib/format';
import { type ActionDraft, ActionsEditor, emptyAction } from './actions-editor';

type Finding = Schemas['FindingDto'];

/**
 * A new corrective action plan for open findings of one contract: the supplier proposes it
 * (its actions planned), or the buyer drafts it for the supplier (its actions proposed).
 */
export default function NewPlanPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const findings = useQuery({
    queryKey: ['findings', { status: 'open', limit: 200 }],
    queryFn: async () => unwrap(await api.GET('/api/v1/findings', { params: { query: { status: 'open', limit: 200 } } })),
  });
  return (
    <Stack>
      <Title order={1}>{t('plans.new')}</Title>
      <QueryState query={findings} isEmpty={(d) => d.items.length === 0} empty={t('plans.noOpenFindings')}>
        {(d) => <NewPlanForm findings={d.items} initial={params.get('findingId')} />}
      </QueryState>
    </Stack>
  );
}

function NewPlanForm({ findings, initial }: { findings: Finding[]; initial: string | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string[]>(initial && findings.some((f) => f.id === initial) ? [initial] : []);
  const [rootCause, setRootCause] = useState('');
  const [actions, setActions] = useState<ActionDraft[]>([emptyAction()]);
  const contractId = findings.find((f) => f.id === selected[0])?.contractId ?? '';
  const create = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/action-plans', { body: { contractId, findingIds: selected, rootCause, actions } })),
    onSuccess: (plan) => {
      void queryClient.invalidateQueries({ queryKey: ['action-plans'] });
      notifications.show({ color: 'green', message: t('plans.createdMessage') });
      void navigate(`/action-plans/${plan.id}`);
    },
  });
  const fields = isApiError(create.error) ? create.error.fieldErrors : {};
  const named = Object.keys(fields).some((k) => k === 'rootCause' || k === 'findingIds' || k.startsWith('actions.'));
  const byContract = new Map<string, Finding[]>();
  for (const f of findings) byContract.set(f.contractId, [...(byContract.get(f.contractId) ?? []), f]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Checkbox.Group label={t('plans.chooseFindings')} description={t('plans.chooseFindingsHelp')} value={selected} onChange={setSelected} error={fields.findingIds}>
          <Stack gap="sm" mt="xs">
            {[...byContract.entries()].map(([cid, list]) => (
              <Fieldset key={cid} legend={`${list[0].contractReference} — ${list[0].supplier.name}`}>
                <Stack gap={6}>
                  {list.map((f) => (
                    <Checkbox
                      key={f.id}
                      value={f.id}
                      disabled={contractId !== '' && cid !== contractId}
                      label={`${t(`findings.severity.${f.severity}`)} · ${f.title}${f.planDueDate ? ` · ${t('plans.dueBy', { date: formatDate(f.planDueDate) })}` : ''}`}
                    />
                  ))}
                </Stack>
              </Fieldset>
            ))}
          </Stack>
        </Checkbox.Group>
        <Textarea label={t('plans.rootCause')} required autosize minRows={3} value={rootCause} error={fields.rootCause} onChange={(e) => setRootCause(e.currentTarget.value)} />
        <Title order={2}>{t('plans.actions')}</Title>
        <Text size="sm">{t('plans.actionsHelp')}</Text>
        <ActionsEditor value={actions} onChange={setActions} errors={fields} />
        {create.isError && !named && <ErrorMessage error={create.error} />}
        <Button type="submit" w="fit-content" loading={create.isPending} disabled={selected.length === 0}>
          {t('plans.create')}
        </Button>
      </Stack>
    </form>
  );
}
