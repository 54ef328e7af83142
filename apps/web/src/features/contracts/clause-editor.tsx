import { Alert, Button, Checkbox, Fieldset, Group, List, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/problem';
import { ErrorMessage } from '../../components/states';
import {
  ARTICLE_KINDS,
  type BonusMalusRow,
  type ClauseForm,
  DELIVERABLE_KINDS,
  emptyBonusMalus,
  emptyKpi,
  FREQUENCIES,
  formToTerms,
  type InputError,
  KPI_DIRECTIONS,
  KPI_UNITS,
  type KpiRow,
  shownPaths,
  type Terms,
  termsToForm,
} from './clause-form';
import type { Contract } from './contract-api';

type Err = (path: string) => string | undefined;

/**
 * The buyer writes the due-diligence clause, or its next version prefilled from the one in force.
 * Money is typed in the contract's currency with the reader's decimal comma and sent as cents,
 * rates as percentages sent as basis points; the API's refusals are shown beside their field.
 */
export function ClauseEditor({ contract, current, latestVersion, onClose }: { contract: Contract; current: Terms | undefined; latestVersion: number; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<ClauseForm>(() => termsToForm(current, i18n.language));
  const [inputErrors, setInputErrors] = useState<Record<string, InputError>>({});

  const save = useMutation({
    mutationFn: async (body: { effectiveFrom?: string; terms: Terms }) =>
      unwrap(await api.PUT('/api/v1/contracts/{id}/clause', { params: { path: { id: contract.id }, header: { 'If-Match': `"${latestVersion}"` } }, body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(['contract', contract.id, 'clause'], saved);
      void queryClient.invalidateQueries({ queryKey: ['contract', contract.id] });
      void queryClient.invalidateQueries({ queryKey: ['clause', contract.id] });
      void queryClient.invalidateQueries({ queryKey: ['report-obligations', contract.id] });
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
      notifications.show({ color: 'green', message: t('contracts.clauseForm.saved', { version: saved.versions.at(-1)?.versionNumber ?? 1 }) });
      onClose();
    },
  });

  const apiErrors = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const err: Err = (path) => (inputErrors[path] ? t(`contracts.clauseForm.error.${inputErrors[path]}`) : apiErrors[path]);
  const shown = shownPaths(form);
  const otherErrors = Object.entries(apiErrors).filter(([field]) => !shown.has(field));
  const stale = save.error instanceof ApiError && save.error.status === 412;

  const set = (patch: Partial<ClauseForm>) => setForm((f) => ({ ...f, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const converted = formToTerms(form, i18n.language);
    if (!converted.ok) {
      setInputErrors(converted.errors);
      save.reset();
      return;
    }
    setInputErrors({});
    save.mutate({ ...(form.effectiveFrom ? { effectiveFrom: form.effectiveFrom } : {}), terms: converted.terms });
  };

  const currency = contract.currency;
  const amountHint = t('contracts.clauseForm.amountHint', { currency, example: i18n.language.startsWith('en') ? '1,250.50' : '1.250,50' });
  const text = (label: string, value: string, onChange: (v: string) => void, path: string, extra: { description?: string; required?: boolean; inputMode?: 'decimal' | 'numeric'; type?: string } = {}) => (
    <TextInput label={label} value={value} onChange={(e) => onChange(e.currentTarget.value)} error={err(path)} {...extra} />
  );
  const days = (label: string, key: 'dueDays' | 'intervalMonths' | 'responseDays' | 'noticeResponseDays' | 'noticeRemedyDays' | 'planDeadlineDays', path: string) =>
    text(label, form[key], (v) => set({ [key]: v }), path, { required: true, inputMode: 'numeric' });
  const money = (label: string, value: string, onChange: (v: string) => void, path: string, required = false) => text(label, value, onChange, path, { description: amountHint, required, inputMode: 'decimal' });
  const rate = (label: string, value: string, onChange: (v: string) => void, path: string, required = false) =>
    text(label, value, onChange, path, { description: t('contracts.clauseForm.percentHint'), required, inputMode: 'decimal' });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="clause-editor-title">
      <Stack maw={900}>
        <Title order={3} size="h4" id="clause-editor-title">
          {current ? t('contracts.clauseForm.change') : t('contracts.clauseForm.write')}
        </Title>
        <Text size="sm">{current ? t('contracts.clauseForm.changeHint') : t('contracts.clauseForm.writeHint')}</Text>

        <TextInput
          label={t('contracts.clause.effectiveFrom')}
          description={current ? t('contracts.clauseForm.effectiveFromHint') : t('contracts.clauseForm.effectiveFromFirstHint')}
          type="date"
          w="fit-content"
          value={form.effectiveFrom}
          onChange={(e) => set({ effectiveFrom: e.currentTarget.value })}
          error={err('effectiveFrom')}
        />

        <Section legend={t('contracts.clause.articles')}>
          <Text size="sm" c="dimmed">
            {t('contracts.clauseForm.articlesHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {ARTICLE_KINDS.map((k) => (
              <div key={k}>{text(t(`contracts.clause.article.${k}`), form.articles[k], (v) => set({ articles: { ...form.articles, [k]: v } }), `terms.articles.${k}`)}</div>
            ))}
          </SimpleGrid>
        </Section>

        <Section legend={t('contracts.clause.reporting')}>
          <Checkbox label={t('contracts.clauseForm.reportingOn')} checked={form.reporting} onChange={(e) => set({ reporting: e.currentTarget.checked })} />
          {form.reporting && (
            <>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect
                  label={t('contracts.clauseForm.frequency')}
                  value={form.frequency}
                  onChange={(e) => set({ frequency: e.currentTarget.value as ClauseForm['frequency'] })}
                  data={FREQUENCIES.map((f) => ({ value: f, label: t(`contracts.frequency.${f}`) }))}
                  error={err('terms.reporting.frequency')}
                />
                {days(t('contracts.clauseForm.dueDays'), 'dueDays', 'terms.reporting.dueDays')}
              </SimpleGrid>
              <Title order={4} size="h5">
                {t('contracts.clause.kpis')}
              </Title>
              {form.kpis.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('contracts.clauseForm.noKpis')}
                </Text>
              )}
              {form.kpis.map((kpi, i) => (
                <KpiFields
                  key={kpi.key}
                  kpi={kpi}
                  n={i + 1}
                  err={(f) => {
                    const path = `terms.reporting.kpis.${i}.${f}`;
                    // A refused KPI value: the rule of its unit, in the reader's language.
                    if ((f === 'target' || f === 'amberThreshold') && !inputErrors[path] && apiErrors[path]) return t(`contracts.clauseForm.kpiRule.${kpi.unit}`);
                    return err(path);
                  }}
                  onChange={(patch) => set({ kpis: form.kpis.map((k) => (k.key === kpi.key ? { ...k, ...patch } : k)) })}
                  onRemove={() => set({ kpis: form.kpis.filter((k) => k.key !== kpi.key) })}
                />
              ))}
              <Button variant="light" w="fit-content" onClick={() => set({ kpis: [...form.kpis, emptyKpi()] })}>
                {t('contracts.clauseForm.addKpi')}
              </Button>
            </>
          )}
        </Section>

        <Section legend={t('contracts.clause.reassessment')}>
          <Checkbox label={t('contracts.clauseForm.reassessmentOn')} checked={form.reassessment} onChange={(e) => set({ reassessment: e.currentTarget.checked })} />
          {form.reassessment && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {days(t('contracts.clauseForm.intervalMonths'), 'intervalMonths', 'terms.reassessment.intervalMonths')}
              {days(t('contracts.clauseForm.responseDays'), 'responseDays', 'terms.reassessment.responseDays')}
            </SimpleGrid>
          )}
        </Section>

        <Section legend={t('contracts.clauseForm.deadlines')}>
          <Text size="sm" c="dimmed">
            {t('contracts.clauseForm.daysHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {days(t('contracts.clause.noticeResponseDays'), 'noticeResponseDays', 'terms.noticeResponseDays')}
            {days(t('contracts.clause.noticeRemedyDays'), 'noticeRemedyDays', 'terms.noticeRemedyDays')}
            {days(t('contracts.clause.planDeadlineDays'), 'planDeadlineDays', 'terms.planDeadlineDays')}
          </SimpleGrid>
        </Section>

        <Section legend={t('contracts.clauseForm.penalties')}>
          <NativeSelect
            label={t('contracts.clause.perDefault')}
            w="fit-content"
            value={form.perDefaultKind}
            onChange={(e) => set({ perDefaultKind: e.currentTarget.value as ClauseForm['perDefaultKind'] })}
            data={(['', 'fixed', 'percent'] as const).map((k) => ({ value: k, label: t(`contracts.clauseForm.perDefaultKind.${k || 'none'}`) }))}
            error={err('terms.penalties.perDefault.kind')}
          />
          {form.perDefaultKind === 'fixed' && money(t('contracts.clauseForm.perDefaultAmount', { currency }), form.perDefaultAmount, (v) => set({ perDefaultAmount: v }), 'terms.penalties.perDefault.amountCents', true)}
          {form.perDefaultKind === 'percent' && (
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {rate(t('contracts.clauseForm.perDefaultRate'), form.perDefaultRate, (v) => set({ perDefaultRate: v }), 'terms.penalties.perDefault.basisPoints', true)}
              {money(t('contracts.clauseForm.perDefaultMin', { currency }), form.perDefaultMin, (v) => set({ perDefaultMin: v }), 'terms.penalties.perDefault.minCents')}
              {money(t('contracts.clauseForm.perDefaultMax', { currency }), form.perDefaultMax, (v) => set({ perDefaultMax: v }), 'terms.penalties.perDefault.maxCents')}
            </SimpleGrid>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {money(t('contracts.clauseForm.perDayAmount', { currency }), form.perDayAmount, (v) => set({ perDayAmount: v }), 'terms.penalties.perDay.amountCents')}
            {money(t('contracts.clauseForm.perDayCapAmount', { currency }), form.perDayCapAmount, (v) => set({ perDayCapAmount: v }), 'terms.penalties.perDay.cap.amountCents')}
            {rate(t('contracts.clauseForm.perDayCapRate'), form.perDayCapRate, (v) => set({ perDayCapRate: v }), 'terms.penalties.perDay.cap.basisPoints')}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {rate(t('contracts.clauseForm.cumulativeCapRate'), form.cumulativeCapRate, (v) => set({ cumulativeCapRate: v }), 'terms.penalties.cumulativeCap.basisPoints')}
            {money(t('contracts.clauseForm.cumulativeCapAmount', { currency }), form.cumulativeCapAmount, (v) => set({ cumulativeCapAmount: v }), 'terms.penalties.cumulativeCap.amountCents')}
          </SimpleGrid>
        </Section>

        <Section legend={t('contracts.clause.lateFines')}>
          <Checkbox label={t('contracts.clauseForm.lateFinesOn')} checked={form.lateFines} onChange={(e) => set({ lateFines: e.currentTarget.checked })} />
          {form.lateFines && (
            <>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {rate(t('contracts.clauseForm.lateRate'), form.lateRate, (v) => set({ lateRate: v }), 'terms.lateFines.ratePerDayBasisPoints', true)}
                {rate(t('contracts.clauseForm.lateCap'), form.lateCap, (v) => set({ lateCap: v }), 'terms.lateFines.capBasisPoints', true)}
              </SimpleGrid>
              <Text size="sm" c="dimmed">
                {t('contracts.clauseForm.deliverablesHint')}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {DELIVERABLE_KINDS.map((k) => (
                  <div key={k}>
                    {money(
                      t('contracts.clauseForm.deliverableValue', { kind: t(`contracts.clause.article.${k}`), currency }),
                      form.deliverables[k],
                      (v) => set({ deliverables: { ...form.deliverables, [k]: v } }),
                      `terms.lateFines.deliverableValueCents.${k}`,
                    )}
                  </div>
                ))}
              </SimpleGrid>
            </>
          )}
        </Section>

        <Section legend={t('contracts.clause.bonusMalus')}>
          {form.bonusMalus.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('contracts.clauseForm.noBonusMalus')}
            </Text>
          )}
          {form.bonusMalus.map((row, i) => (
            <BonusMalusFields
              key={row.key}
              row={row}
              n={i + 1}
              kpiCodes={form.kpis.map((k) => k.code.trim()).filter(Boolean)}
              currency={currency}
              amountHint={amountHint}
              err={(f) => err(`terms.bonusMalus.${i}.${f}`)}
              onChange={(patch) => set({ bonusMalus: form.bonusMalus.map((b) => (b.key === row.key ? { ...b, ...patch } : b)) })}
              onRemove={() => set({ bonusMalus: form.bonusMalus.filter((b) => b.key !== row.key) })}
            />
          ))}
          <Button variant="light" w="fit-content" onClick={() => set({ bonusMalus: [...form.bonusMalus, emptyBonusMalus(form.kpis[0]?.code.trim() ?? '')] })}>
            {t('contracts.clauseForm.addBonusMalus')}
          </Button>
        </Section>

        {Object.keys(inputErrors).length > 0 && (
          <Alert color="red" role="alert" title={t('contracts.clauseForm.fixFields', { count: Object.keys(inputErrors).length })}>
            {t('contracts.clauseForm.nothingSent')}
          </Alert>
        )}
        {save.isError &&
          (stale ? (
            <Alert color="red" role="alert" title={t('contracts.clauseForm.stale')} />
          ) : otherErrors.length > 0 || Object.keys(apiErrors).length === 0 ? (
            <Stack gap="xs">
              <ErrorMessage error={save.error} />
              {otherErrors.length > 0 && (
                <List size="sm">
                  {otherErrors.map(([field, message]) => (
                    <List.Item key={field}>
                      {field}: {message}
                    </List.Item>
                  ))}
                </List>
              )}
            </Stack>
          ) : (
            <Alert color="red" role="alert" title={t('contracts.clauseForm.refused', { count: Object.keys(apiErrors).length })} />
          ))}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('contracts.clauseForm.save')}
          </Button>
          <Button variant="subtle" onClick={onClose}>
            {t('action.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Section({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <Fieldset legend={legend}>
      <Stack>{children}</Stack>
    </Fieldset>
  );
}

function KpiFields({ kpi, n, err, onChange, onRemove }: { kpi: KpiRow; n: number; err: Err; onChange: (patch: Partial<KpiRow>) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('contracts.clauseForm.kpiN', { n })} variant="filled">
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('contracts.clauseForm.kpiCode')} description={t('contracts.clauseForm.kpiCodeHint')} required value={kpi.code} onChange={(e) => onChange({ code: e.currentTarget.value })} error={err('code')} />
          <TextInput label={t('contracts.clauseForm.kpiName')} required value={kpi.name} onChange={(e) => onChange({ name: e.currentTarget.value })} error={err('name')} />
          <NativeSelect
            label={t('contracts.clauseForm.kpiUnit')}
            value={kpi.unit}
            onChange={(e) => onChange({ unit: e.currentTarget.value as KpiRow['unit'] })}
            data={KPI_UNITS.map((u) => ({ value: u, label: t(`contracts.clauseForm.unit.${u}`) }))}
            error={err('unit')}
          />
          <NativeSelect
            label={t('contracts.clause.direction')}
            value={kpi.direction}
            onChange={(e) => onChange({ direction: e.currentTarget.value as KpiRow['direction'] })}
            data={KPI_DIRECTIONS.map((d) => ({ value: d, label: t(`contracts.direction.${d}`) }))}
            error={err('direction')}
          />
          <TextInput label={t('contracts.clause.target')} required inputMode="decimal" value={kpi.target} onChange={(e) => onChange({ target: e.currentTarget.value })} error={err('target')} />
          <TextInput
            label={t('contracts.clauseForm.amberThreshold')}
            description={t('contracts.clauseForm.amberHint')}
            inputMode="decimal"
            value={kpi.amberThreshold}
            onChange={(e) => onChange({ amberThreshold: e.currentTarget.value })}
            error={err('amberThreshold')}
          />
        </SimpleGrid>
        <Button variant="subtle" color="red" w="fit-content" onClick={onRemove}>
          {t('contracts.clauseForm.removeKpi', { n })}
        </Button>
      </Stack>
    </Fieldset>
  );
}

function BonusMalusFields({
  row,
  n,
  kpiCodes,
  currency,
  amountHint,
  err,
  onChange,
  onRemove,
}: {
  row: BonusMalusRow;
  n: number;
  kpiCodes: string[];
  currency: string;
  amountHint: string;
  err: Err;
  onChange: (patch: Partial<BonusMalusRow>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const codes = kpiCodes.includes(row.kpiCode) || !row.kpiCode ? kpiCodes : [row.kpiCode, ...kpiCodes];
  const amount = (label: string, value: string, key: 'bonus' | 'malus' | 'cap', field: string) => (
    <TextInput label={label} description={amountHint} required inputMode="decimal" value={value} onChange={(e) => onChange({ [key]: e.currentTarget.value })} error={err(field)} />
  );
  return (
    <Fieldset legend={t('contracts.clauseForm.bonusMalusN', { n })} variant="filled">
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect label={t('contracts.clause.kpi')} required value={row.kpiCode} onChange={(e) => onChange({ kpiCode: e.currentTarget.value })} data={[{ value: '', label: '—' }, ...codes]} error={err('kpiCode')} />
          {amount(t('contracts.clauseForm.bonusPerUnit', { currency }), row.bonus, 'bonus', 'bonusCentsPerUnit')}
          {amount(t('contracts.clauseForm.malusPerUnit', { currency }), row.malus, 'malus', 'malusCentsPerUnit')}
          {amount(t('contracts.clauseForm.capPerPeriod', { currency }), row.cap, 'cap', 'capCents')}
        </SimpleGrid>
        <Button variant="subtle" color="red" w="fit-content" onClick={onRemove}>
          {t('contracts.clauseForm.removeBonusMalus', { n })}
        </Button>
      </Stack>
    </Fieldset>
  );
}
