import { Anchor, Badge, Button, Group, NativeSelect, Paper, Radio, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/problem';
import { ErrorMessage, QueryState } from '../../components/states';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../lib/format';
import { parseMoneyInput } from '../reports/lib';
import { formatKpiNumber } from '../reports/report-editor';
import { useContracts } from './use-contracts';
import { PenaltyBreakdown } from './penalty-breakdown';
import { ProblemAlert } from './problem-alert';
import { asLedger, asSettlement, type Ledger, type LedgerEntry, type LedgerKind, type Outcome, type PenaltyProposal, type Settlement, type SettlementLine } from './types';

const KINDS: LedgerKind[] = ['penalty', 'late_fine', 'bonus', 'malus'];

/** The money ledger of one contract (penalties, late fines, bonus, malus, corrections) and its bonus/malus proposals. */
export function LedgerSection() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const contracts = useContracts();
  const readable = (contracts.data ?? []).filter((c) => c.role !== 'participant');
  const contractId = params.get('contract') ?? readable[0]?.id ?? '';
  const contract = readable.find((c) => c.id === contractId);
  const kind = KINDS.find((k) => k === params.get('kind'));
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <QueryState query={contracts} isEmpty={() => readable.length === 0} empty={t('defaults.ledger.noContracts')}>
      {() => (
        <Stack>
          <Group align="flex-end">
            <NativeSelect
              label={t('defaults.contract')}
              value={contractId}
              onChange={(e) => set('contract', e.currentTarget.value)}
              data={readable.map((c) => ({ value: c.id, label: `${c.reference} · ${c.supplier.name}` }))}
              miw={320}
            />
            <NativeSelect
              label={t('defaults.ledger.kind')}
              value={kind ?? ''}
              onChange={(e) => set('kind', e.currentTarget.value)}
              data={[{ value: '', label: t('defaults.ledger.allKinds') }, ...KINDS.map((k) => ({ value: k, label: t(`defaults.kind.${k}`) }))]}
            />
          </Group>
          {contract && <ContractLedger contractId={contract.id} kind={kind} isAuthority={contract.role === 'authority'} timeZone={contract.timeZone} />}
        </Stack>
      )}
    </QueryState>
  );
}

function ContractLedger({ contractId, kind, isAuthority, timeZone }: { contractId: string; kind?: LedgerKind; isAuthority: boolean; timeZone: string }) {
  const { t } = useTranslation();
  const ledger = useQuery({
    queryKey: ['ledger', contractId, kind ?? 'all'],
    queryFn: async () => asLedger(unwrap(await api.GET('/api/v1/penalties', { params: { query: { contractId, ...(kind ? { kind } : {}) } } }))),
  });
  const settlements = useQuery({
    queryKey: ['bonus-malus', contractId],
    queryFn: async () => unwrap(await api.GET('/api/v1/bonus-malus', { params: { query: { contractId } } })).map(asSettlement),
  });
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('defaults.ledger.title')}
      </Title>
      <QueryState query={ledger}>
        {(l) => (
          <Stack>
            <Totals ledger={l} />
            {l.items.length === 0 ? <Text c="dimmed">{t('defaults.ledger.empty')}</Text> : <LedgerTable ledger={l} isAuthority={isAuthority} timeZone={timeZone} />}
          </Stack>
        )}
      </QueryState>
      <Title order={2} size="h3">
        {t('defaults.bonusMalus.title')}
      </Title>
      <QueryState query={settlements} isEmpty={(s) => s.length === 0} empty={t('defaults.bonusMalus.empty')}>
        {(list) => (
          <Stack>
            {list.map((s) => (
              <SettlementCard key={s.id} settlement={s} isAuthority={isAuthority} timeZone={timeZone} />
            ))}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}

function Totals({ ledger }: { ledger: Ledger }) {
  const { t } = useTranslation();
  const money = (cents: number) => formatMoney(cents, ledger.currency);
  const cells: Array<[string, number]> = [
    [t('defaults.kind.penalty'), ledger.totals.penalty],
    [t('defaults.kind.late_fine'), ledger.totals.late_fine],
    [t('defaults.kind.malus'), ledger.totals.malus],
    [t('defaults.kind.bonus'), ledger.totals.bonus],
  ];
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="xs">
        {t('defaults.ledger.totals', { currency: ledger.currency })}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        {cells.map(([label, cents]) => (
          <div key={label}>
            <Text size="sm" c="dimmed">
              {label}
            </Text>
            <Text fw={600}>{money(cents)}</Text>
          </div>
        ))}
        <div>
          <Text size="sm" c="dimmed">
            {t('defaults.ledger.net')}
          </Text>
          <Text fw={700}>{money(ledger.totals.net)}</Text>
          <Text size="xs" c="dimmed">
            {ledger.totals.net < 0 ? t('defaults.ledger.netOwedBySupplier') : t('defaults.ledger.netOwedToSupplier')}
          </Text>
        </div>
      </SimpleGrid>
    </Paper>
  );
}

function LedgerTable({ ledger, isAuthority, timeZone }: { ledger: Ledger; isAuthority: boolean; timeZone: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const [correcting, setCorrecting] = useState<string | null>(null);
  return (
    <Table striped>
      <Table.Caption>{t('defaults.ledger.caption')}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('defaults.ledger.decidedOn')}</Table.Th>
          <Table.Th scope="col">{t('defaults.ledger.kind')}</Table.Th>
          <Table.Th scope="col">{t('defaults.ledger.outcome')}</Table.Th>
          <Table.Th scope="col">{t('defaults.ledger.amount')}</Table.Th>
          <Table.Th scope="col">{t('defaults.ledger.computed')}</Table.Th>
          <Table.Th scope="col">{t('defaults.ledger.about')}</Table.Th>
          <Table.Th scope="col">{t('defaults.ledger.actions')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {ledger.items.map((e) => (
          <Fragment key={e.id}>
            <Table.Tr>
              <Table.Td>{formatDate(e.decidedOn)}</Table.Td>
              <Table.Td>{t(`defaults.kind.${e.kind}`)}</Table.Td>
              <Table.Td>
                <Badge variant="outline" radius="sm" color={e.outcome === 'reversal' ? 'gray.7' : 'blue.8'}>
                  {t(`defaults.ledgerOutcome.${e.outcome}`)}
                </Badge>
                {e.reversedBy && (
                  <Text size="xs" c="dimmed">
                    {t('defaults.ledger.reversed')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatMoney(e.amountCents, e.currency)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatMoney(e.computedCents, e.currency)}</Table.Td>
              <Table.Td>
                {e.defaultId ? (
                  <Anchor component={Link} to={`/defaults/${e.defaultId}`}>
                    {t('defaults.ledger.openDefault')}
                  </Anchor>
                ) : e.subject ? (
                  <Text size="sm">{t('defaults.ledger.lateSubject', { subject: t(`defaults.subject.${e.subject}`), date: formatDate(e.missedDeadline) })}</Text>
                ) : e.settlementId ? (
                  <Text size="sm">{t('defaults.bonusMalus.title')}</Text>
                ) : null}
                {e.reasons && (
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                    {e.reasons}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button size="xs" variant="subtle" aria-expanded={open === e.id} aria-controls={`calc-${e.id}`} onClick={() => setOpen(open === e.id ? null : e.id)}>
                    {t('defaults.ledger.calculation')}
                  </Button>
                  {isAuthority && e.outcome !== 'reversal' && !e.reversedBy && (
                    <Button size="xs" variant="light" aria-expanded={correcting === e.id} onClick={() => setCorrecting(correcting === e.id ? null : e.id)}>
                      {t('defaults.ledger.correct')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
            {open === e.id && (
              <Table.Tr id={`calc-${e.id}`}>
                <Table.Td colSpan={7}>
                  <Calculation entry={e} timeZone={timeZone} />
                </Table.Td>
              </Table.Tr>
            )}
            {correcting === e.id && (
              <Table.Tr>
                <Table.Td colSpan={7}>
                  <CorrectionForm entry={e} onDone={() => setCorrecting(null)} />
                </Table.Td>
              </Table.Tr>
            )}
          </Fragment>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Every input and step of an entry's computation, as the API stored it. */
function Calculation({ entry, timeZone }: { entry: LedgerEntry; timeZone: string }) {
  const { t } = useTranslation();
  const calc = entry.calculation;
  const money = (cents: unknown) => (typeof cents === 'number' ? formatMoney(cents, entry.currency) : '—');
  const decided = <Text size="sm" c="dimmed">{t('defaults.ledger.decidedAt', { date: formatDateTime(entry.decidedAt, timeZone) })}</Text>;
  if (entry.kind === 'penalty' && typeof calc.amountCents === 'number' && 'perDefaultCents' in calc) {
    return (
      <Stack gap="xs">
        <PenaltyBreakdown proposal={{ currency: entry.currency, ...calc } as unknown as PenaltyProposal} />
        {decided}
      </Stack>
    );
  }
  if (entry.kind === 'late_fine') {
    const rows: Array<[string, string]> = [
      [t('defaults.fine.deliverable'), typeof calc.deliverable === 'string' ? t(`defaults.subject.${calc.deliverable}`) : '—'],
      [t('defaults.fine.deadline'), formatDate(typeof calc.deadline === 'string' ? calc.deadline : null)],
      [t('defaults.fine.deliveredOn'), formatDate(typeof calc.deliveredOn === 'string' ? calc.deliveredOn : null)],
      [t('defaults.fine.daysLate'), typeof calc.daysLate === 'number' ? formatNumber(calc.daysLate) : '—'],
      [t('defaults.fine.value'), money(calc.valueCents)],
      [t('defaults.fine.rate'), typeof calc.ratePerDayBasisPoints === 'number' ? formatNumber(calc.ratePerDayBasisPoints / 10_000, { style: 'percent', maximumFractionDigits: 2 }) : '—'],
      [t('defaults.fine.uncapped'), money(calc.uncappedCents)],
      [t('defaults.fine.cap'), money(calc.capCents)],
      [t('defaults.fine.amount'), money(calc.amountCents)],
    ];
    return (
      <Stack gap="xs">
        <KeyValues rows={rows} caption={t('defaults.fine.caption')} />
        {decided}
      </Stack>
    );
  }
  if (Array.isArray(calc.lines)) {
    return (
      <Stack gap="xs">
        <SettlementLines lines={calc.lines as SettlementLine[]} currency={entry.currency} />
        {typeof calc.proposedCents === 'number' && <Text size="sm">{t('defaults.bonusMalus.proposed', { amount: money(Math.abs(calc.proposedCents)) })}</Text>}
        {decided}
      </Stack>
    );
  }
  return (
    <Stack gap="xs">
      <KeyValues rows={Object.entries(calc).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)])} caption={t('defaults.ledger.calculation')} />
      {decided}
    </Stack>
  );
}

function KeyValues({ rows, caption }: { rows: Array<[string, string]>; caption: string }) {
  return (
    <Table variant="vertical" withTableBorder maw={640}>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Th scope="row" fw={400}>
              {k}
            </Table.Th>
            <Table.Td>{v}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** A correction reverses the entry and enters the corrected amount anew (0 waives it), always with reasons. */
function CorrectionForm({ entry, onDone }: { entry: LedgerEntry; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState('');
  const [reasons, setReasons] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const ceiling = Math.max(entry.amountCents, entry.computedCents);
  const correct = useMutation({
    mutationFn: async (amountCents: number) => asLedger(unwrap(await api.POST('/api/v1/penalties/{id}/correction', { params: { path: { id: entry.id } }, body: { amountCents, reasons } }))),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['ledger', entry.contractId] });
      notifications.show({ color: 'green', message: t('defaults.ledger.corrected') });
      onDone();
    },
  });
  const fieldErrors = correct.error instanceof ApiError ? correct.error.fieldErrors : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const cents = parseMoneyInput(amount);
    const errors: Record<string, string> = {};
    if (cents === null || cents > ceiling) errors.amountCents = t('defaults.ledger.amountRange', { max: formatMoney(ceiling, entry.currency) });
    else if (cents === entry.amountCents) errors.amountCents = t('defaults.ledger.amountSame');
    if (!reasons.trim()) errors.reasons = t('defaults.reasonsRequired');
    setLocal(errors);
    if (cents === null || Object.keys(errors).length > 0) return;
    if (window.confirm(t('defaults.ledger.correctConfirm', { from: formatMoney(entry.amountCents, entry.currency), to: formatMoney(cents, entry.currency) }))) correct.mutate(cents);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={640}>
        <Title order={3} size="h4">
          {t('defaults.ledger.correctTitle', { amount: formatMoney(entry.amountCents, entry.currency) })}
        </Title>
        <TextInput
          label={t('defaults.ledger.newAmount', { currency: entry.currency })}
          description={t('defaults.ledger.newAmountHint', { max: formatMoney(ceiling, entry.currency) })}
          inputMode="decimal"
          required
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          error={local.amountCents ?? fieldErrors.amountCents}
          maw={260}
        />
        <Textarea label={t('defaults.reasons')} required autosize minRows={2} value={reasons} onChange={(e) => setReasons(e.currentTarget.value)} error={local.reasons ?? fieldErrors.reasons} />
        {correct.isError && Object.keys(fieldErrors).length === 0 && <ProblemAlert error={correct.error} />}
        <Group>
          <Button type="submit" loading={correct.isPending}>
            {t('defaults.ledger.correct')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('action.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SettlementLines({ lines, currency }: { lines: SettlementLine[]; currency: string }) {
  const { t } = useTranslation();
  return (
    <Table withTableBorder maw={640}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('defaults.bonusMalus.kpi')}</Table.Th>
          <Table.Th scope="col">{t('defaults.bonusMalus.margin')}</Table.Th>
          <Table.Th scope="col">{t('defaults.ledger.amount')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {lines.map((l) => (
          <Table.Tr key={l.kpiCode}>
            <Table.Td>
              <code>{l.kpiCode}</code>
            </Table.Td>
            <Table.Td>{formatKpiNumber(l.margin)}</Table.Td>
            <Table.Td>
              {`${l.amountCents >= 0 ? t('defaults.kind.bonus') : t('defaults.kind.malus')} ${formatMoney(Math.abs(l.amountCents), currency)}`}
              {l.capped && (
                <Badge ml="xs" variant="outline" color="orange.9" radius="sm">
                  {t('defaults.bonusMalus.capped')}
                </Badge>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** One period's bonus or malus: the KPI lines and, for the buyer while proposed, the decision. */
function SettlementCard({ settlement, isAuthority, timeZone }: { settlement: Settlement; isAuthority: boolean; timeZone: string }) {
  const { t } = useTranslation();
  const magnitude = Math.abs(settlement.proposedCents);
  const kindLabel = settlement.proposedCents >= 0 ? t('defaults.kind.bonus') : t('defaults.kind.malus');
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('defaults.bonusMalus.period', { start: formatDate(settlement.periodStart), end: formatDate(settlement.periodEnd) })}
        </Title>
        <Text>
          {t('defaults.bonusMalus.proposedKind', { kind: kindLabel, amount: formatMoney(magnitude, settlement.currency) })}{' '}
          <Anchor component={Link} to={`/reports/${settlement.reportId}`}>
            {t('defaults.bonusMalus.openReport')}
          </Anchor>
        </Text>
        <SettlementLines lines={settlement.lines} currency={settlement.currency} />
        {settlement.decision ? (
          <Text size="sm">
            {t('defaults.bonusMalus.decided', {
              outcome: t(`defaults.outcome.${settlement.decision.outcome}`),
              amount: formatMoney(settlement.decision.amountCents, settlement.currency),
              date: formatDateTime(settlement.decision.decidedAt, timeZone),
            })}
            {' — '}
            {settlement.decision.reasons}
          </Text>
        ) : isAuthority ? (
          <SettlementDecisionForm settlement={settlement} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('defaults.bonusMalus.pending')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function SettlementDecisionForm({ settlement }: { settlement: Settlement }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const magnitude = Math.abs(settlement.proposedCents);
  const money = (cents: number) => formatMoney(cents, settlement.currency);
  const [outcome, setOutcome] = useState<Outcome>('applied');
  const [amount, setAmount] = useState('');
  const [reasons, setReasons] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const decide = useMutation({
    mutationFn: async (amountCents?: number) =>
      unwrap(await api.POST('/api/v1/bonus-malus/{id}/decision', { params: { path: { id: settlement.id } }, body: { outcome, reasons, ...(amountCents !== undefined ? { amountCents } : {}) } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['bonus-malus', settlement.contractId] });
      void queryClient.invalidateQueries({ queryKey: ['ledger', settlement.contractId] });
      notifications.show({ color: 'green', message: t('defaults.decision.done') });
    },
  });
  const fieldErrors = decide.error instanceof ApiError ? decide.error.fieldErrors : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const cents = parseMoneyInput(amount);
    const errors: Record<string, string> = {};
    if (outcome === 'reduced' && (cents === null || cents <= 0 || cents >= magnitude)) errors.amountCents = t('defaults.decision.reducedRange', { max: money(magnitude) });
    if (!reasons.trim()) errors.reasons = t('defaults.reasonsRequired');
    setLocal(errors);
    if (Object.keys(errors).length > 0) return;
    const entered = outcome === 'applied' ? magnitude : outcome === 'waived' ? 0 : (cents ?? 0);
    if (!window.confirm(t(`defaults.decision.confirm.${outcome}`, { amount: money(entered) }))) return;
    decide.mutate(outcome === 'reduced' ? (cents ?? undefined) : undefined);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={640}>
        <Radio.Group label={t('defaults.decision.outcome')} value={outcome} onChange={(v) => setOutcome(v as Outcome)} required>
          <Group mt="xs">
            <Radio value="applied" label={t('defaults.outcome.applied')} />
            <Radio value="reduced" label={t('defaults.outcome.reduced')} />
            <Radio value="waived" label={t('defaults.outcome.waived')} />
          </Group>
        </Radio.Group>
        {outcome === 'reduced' && (
          <TextInput
            label={t('defaults.decision.amount', { currency: settlement.currency })}
            description={t('defaults.decision.amountHint', { max: money(magnitude) })}
            inputMode="decimal"
            required
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={local.amountCents ?? fieldErrors.amountCents}
            maw={260}
          />
        )}
        <Textarea label={t('defaults.reasons')} required autosize minRows={2} value={reasons} onChange={(e) => setReasons(e.currentTarget.value)} error={local.reasons ?? fieldErrors.reasons} />
        {decide.isError && Object.keys(fieldErrors).length === 0 && <ErrorMessage error={decide.error} />}
        <Group>
          <Button type="submit" loading={decide.isPending}>
            {t('defaults.decision.decide')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
