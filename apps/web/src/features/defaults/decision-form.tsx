import { Alert, Button, Group, Paper, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ApiError, isApiError, unwrap } from '../../api/problem';
import { formatMoney } from '../../lib/format';
import { ifMatch, parseMoneyInput } from '../reports/lib';
import { StaleAlert } from '../reports/stale-alert';
import { PenaltyBreakdown, type PenaltyTerms } from './penalty-breakdown';
import { ProblemAlert } from './problem-alert';
import { asView, type DefaultView, type Outcome, type PenaltyProposal } from './types';

/**
 * The buyer's decision on a notice of default: the computed penalty (every step, as the API gives
 * it) applied, reduced to a lower amount or waived, always with reasons; confirmed after seeing the
 * amount it enters in the ledger. Once decided, the record is read-only.
 */
export function DecisionForm({ record, proposal, terms }: { record: DefaultView; proposal: PenaltyProposal; terms?: PenaltyTerms }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome>('applied');
  const [amount, setAmount] = useState('');
  const [reasons, setReasons] = useState('');
  const [remediedOn, setRemediedOn] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});

  const reducedCents = parseMoneyInput(amount);
  const decidedCents = outcome === 'applied' ? proposal.amountCents : outcome === 'waived' ? 0 : (reducedCents ?? 0);
  const money = (cents: number) => formatMoney(cents, proposal.currency);

  const decide = useMutation({
    mutationFn: async (version: number) =>
      unwrap(
        await api.POST('/api/v1/defaults/{id}/decision', {
          params: { path: { id: record.id }, header: ifMatch(version) },
          body: {
            outcome,
            reasons,
            ...(outcome === 'reduced' ? { amountCents: decidedCents } : {}),
            ...(remediedOn ? { remediedOn } : {}),
          },
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(['default', record.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['defaults'] });
      void queryClient.invalidateQueries({ queryKey: ['ledger', record.contractId] });
      setConfirming(false);
      notifications.show({ color: 'green', message: t('defaults.decision.done') });
    },
    onError: () => setConfirming(false),
  });
  const fieldErrors = decide.error instanceof ApiError ? decide.error.fieldErrors : {};
  const stale = isApiError(decide.error) && decide.error.status === 412;

  const check = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!reasons.trim()) errors.reasons = t('defaults.reasonsRequired');
    if (outcome === 'reduced' && (reducedCents === null || reducedCents <= 0 || reducedCents >= proposal.amountCents)) {
      errors.amountCents = t('defaults.decision.reducedRange', { max: money(proposal.amountCents) });
    }
    setLocalErrors(errors);
    if (Object.keys(errors).length === 0) setConfirming(true);
  };
  const reload = async () => {
    const fresh = asView(unwrap(await api.GET('/api/v1/defaults/{id}', { params: { path: { id: record.id } } })));
    queryClient.setQueryData(['default', record.id], fresh);
    if (fresh.status !== 'decided') decide.mutate(fresh.version);
  };

  return (
    <Paper withBorder p="md">
      <form onSubmit={check} noValidate>
        <Stack>
          <Title order={2} size="h3">
            {t('defaults.decision.title')}
          </Title>
          <Text>
            {t('defaults.decision.computed')}{' '}
            <Text span fw={700} data-testid="decision-computed">
              {money(proposal.amountCents)}
            </Text>
          </Text>
          <PenaltyBreakdown proposal={proposal} terms={terms} />
          <Radio.Group label={t('defaults.decision.outcome')} value={outcome} onChange={(v) => setOutcome(v as Outcome)} required>
            <Stack gap="xs" mt="xs">
              <Radio value="applied" label={t('defaults.outcome.applied')} description={t('defaults.outcome.appliedHint', { amount: money(proposal.amountCents) })} />
              <Radio value="reduced" label={t('defaults.outcome.reduced')} description={t('defaults.outcome.reducedHint')} />
              <Radio value="waived" label={t('defaults.outcome.waived')} description={t('defaults.outcome.waivedHint')} />
            </Stack>
          </Radio.Group>
          {outcome === 'reduced' && (
            <TextInput
              label={t('defaults.decision.amount', { currency: proposal.currency })}
              description={t('defaults.decision.amountHint', { max: money(proposal.amountCents) })}
              inputMode="decimal"
              required
              value={amount}
              onChange={(e) => setAmount(e.currentTarget.value)}
              error={localErrors.amountCents ?? fieldErrors.amountCents}
              maw={260}
            />
          )}
          <TextInput
            type="date"
            label={t('defaults.decision.remediedOn')}
            description={t('defaults.decision.remediedOnHint')}
            value={remediedOn}
            onChange={(e) => setRemediedOn(e.currentTarget.value)}
            error={fieldErrors.remediedOn}
            maw={260}
          />
          <Textarea label={t('defaults.reasons')} required autosize minRows={3} value={reasons} onChange={(e) => setReasons(e.currentTarget.value)} error={localErrors.reasons ?? fieldErrors.reasons} />
          {stale && <StaleAlert onReload={() => void reload().catch(() => notifications.show({ color: 'red', message: t('state.error') }))} loading={decide.isPending} />}
          {decide.isError && !stale && Object.keys(fieldErrors).length === 0 && <ProblemAlert error={decide.error} />}
          {confirming ? (
            <Alert color="blue" title={t('defaults.decision.confirmTitle')}>
              <Stack gap="xs">
                <Text>
                  {t(`defaults.decision.confirm.${outcome}`, { amount: money(decidedCents) })}
                </Text>
                {remediedOn && <Text size="sm">{t('defaults.decision.remediedNote')}</Text>}
                <Group>
                  <Button onClick={() => decide.mutate(record.version)} loading={decide.isPending}>
                    {t('action.confirm')}
                  </Button>
                  <Button variant="default" onClick={() => setConfirming(false)} disabled={decide.isPending}>
                    {t('action.cancel')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          ) : (
            <Group>
              <Button type="submit">{t('defaults.decision.decide')}</Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
