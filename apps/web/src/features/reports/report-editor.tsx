import { Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Schemas } from '../../api/client';
import { ApiError, isApiError, unwrap } from '../../api/problem';
import { ErrorMessage } from '../../components/states';
import { formatNumber } from '../../lib/format';
import { type Kpi, kpiDecimals, kpiMax, kpiValueProblem, normaliseKpiValue } from './kpi';
import { ifMatch } from './lib';
import { StaleAlert } from './stale-alert';

type Report = Schemas['ReportDto'];
type Action = 'save' | 'submit';

/** The KPI target in the reader's language ("90" → "90", "0.95" → "0,95"). */
export function formatKpiNumber(value: string): string {
  const n = Number(value);
  return Number.isFinite(n) ? formatNumber(n, { maximumFractionDigits: 4 }) : value;
}

/**
 * The supplier's side of a draft or returned report: one input per KPI of the clause (code, unit,
 * target and direction shown), the narrative; saving sends the whole list of values (PATCH) and
 * submitting saves first. API errors (`kpiValues.N.value`, `kpiValues.CODE`) show beside the input.
 */
export function ReportEditor({ report }: { report: Report }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(report.kpiValues.map((v) => [v.code, kpiInputText(v.value)])));
  const [narrative, setNarrative] = useState(report.narrative);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  // The codes in the order they were sent: the API names a value by its index in that list.
  const [sentCodes, setSentCodes] = useState<string[]>([]);
  // The newest version known: a save that succeeded before a refused submit moved it on.
  const latestVersion = useRef(report.version);

  const mutation = useMutation({
    mutationFn: async ({ action, version }: { action: Action; version: number }) => {
      const codes = report.kpis.map((k) => k.code).filter((code) => (values[code] ?? '').trim() !== '');
      setSentCodes(codes);
      const kpiValues = codes.map((code) => ({ code, value: normaliseKpiValue(values[code]) }));
      let saved = unwrap(await api.PATCH('/api/v1/reports/{id}', { params: { path: { id: report.id }, header: ifMatch(version) }, body: { narrative, kpiValues } }));
      latestVersion.current = saved.version;
      queryClient.setQueryData(['report', report.id], saved);
      if (action === 'submit') saved = unwrap(await api.POST('/api/v1/reports/{id}/submit', { params: { path: { id: report.id }, header: ifMatch(saved.version) } }));
      return saved;
    },
    onSuccess: (saved, { action }) => {
      queryClient.setQueryData(['report', report.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
      void queryClient.invalidateQueries({ queryKey: ['report-obligations', report.contractId] });
      notifications.show({ color: 'green', message: action === 'submit' ? t('reports.submitted') : t('state.saved') });
    },
  });

  const apiErrors = fieldErrorsByCode(mutation.error, sentCodes);
  const stale = isApiError(mutation.error) && mutation.error.status === 412;
  const localProblems = Object.fromEntries(
    report.kpis.map((kpi) => {
      const text = values[kpi.code] ?? '';
      const problem = text.trim() === '' ? null : kpiValueProblem(kpi.unit, text);
      return [kpi.code, problem];
    }),
  );
  const hasLocalProblem = Object.values(localProblems).some((p) => p !== null);

  const run = (action: Action) => {
    setTouched(Object.fromEntries(report.kpis.map((k) => [k.code, true])));
    if (hasLocalProblem) return;
    mutation.mutate({ action, version: Math.max(report.version, latestVersion.current) });
  };
  const reload = async () => {
    const fresh = unwrap(await api.GET('/api/v1/reports/{id}', { params: { path: { id: report.id } } }));
    // Re-apply this form's values on the fresh version; the page shows the fresh record only if it can no longer change.
    if (fresh.status === 'draft' || fresh.status === 'returned') mutation.mutate({ action: mutation.variables?.action ?? 'save', version: fresh.version });
    else queryClient.setQueryData(['report', report.id], fresh);
  };
  const submitForm = (event: FormEvent) => {
    event.preventDefault();
    run('save');
  };

  // The API names the field and its rule in English: the reader gets the rule of the KPI's unit in their language.
  const apiErrorText = (problem: KpiFieldError, kpi: Kpi): string => {
    if (problem.kind === 'missing') return t('reports.kpi.missing');
    if (problem.kind !== 'value') return problem.message;
    const max = formatNumber(kpiMax(kpi.unit));
    const decimals = kpiDecimals(kpi.unit);
    return t('reports.kpi.refused', { rule: decimals === 0 ? t('reports.kpi.rule.whole', { max }) : t('reports.kpi.rule.decimal', { max, decimals }) });
  };
  const otherError = mutation.isError && !stale && Object.keys(apiErrors).length === 0;
  return (
    <Paper withBorder p="md">
      <form onSubmit={submitForm} noValidate>
        <Stack>
          <Title order={2} size="h3">
            {t('reports.kpis')}
          </Title>
          {report.kpis.length === 0 && <Text c="dimmed">{t('reports.noKpis')}</Text>}
          {report.kpis.map((kpi) => (
            <KpiInput
              key={kpi.code}
              kpi={kpi}
              value={values[kpi.code] ?? ''}
              onChange={(v) => setValues((prev) => ({ ...prev, [kpi.code]: v }))}
              onBlur={() => setTouched((prev) => ({ ...prev, [kpi.code]: true }))}
              error={
                apiErrors[kpi.code] ? apiErrorText(apiErrors[kpi.code], kpi) : touched[kpi.code] && localProblems[kpi.code] ? t(`reports.kpi.problem.${localProblems[kpi.code]}`, { max: formatNumber(kpiMax(kpi.unit)), decimals: kpiDecimals(kpi.unit) }) : undefined
              }
            />
          ))}
          <Textarea
            label={t('reports.narrative')}
            description={t('reports.narrativeHint')}
            autosize
            minRows={5}
            maxLength={20000}
            value={narrative}
            onChange={(e) => setNarrative(e.currentTarget.value)}
            error={mutation.error instanceof ApiError ? mutation.error.fieldErrors.narrative : undefined}
          />
          {stale && <StaleAlert onReload={() => void reload().catch(() => notifications.show({ color: 'red', message: t('state.error') }))} loading={mutation.isPending} />}
          {otherError && <ErrorMessage error={mutation.error} />}
          {hasLocalProblem && Object.values(touched).some(Boolean) && (
            <Text c="red.8" size="sm" role="status">
              {t('reports.fixValues')}
            </Text>
          )}
          <Group>
            <Button type="submit" variant="light" loading={mutation.isPending && mutation.variables?.action === 'save'}>
              {t('reports.saveDraft')}
            </Button>
            <Button
              onClick={() => {
                if (window.confirm(t('reports.submitConfirm'))) run('submit');
              }}
              loading={mutation.isPending && mutation.variables?.action === 'submit'}
            >
              {t('reports.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function KpiInput({ kpi, value, onChange, onBlur, error }: { kpi: Kpi; value: string; onChange: (v: string) => void; onBlur: () => void; error?: string }) {
  const { t } = useTranslation();
  const description = [
    `${t('reports.kpi.code')}: ${kpi.code}`,
    `${t('reports.kpi.unit')}: ${t(`reports.unit.${kpi.unit}`)}`,
    `${t('reports.kpi.target')}: ${formatKpiNumber(kpi.target)}`,
    t(`reports.direction.${kpi.direction}`),
    kpi.amberThreshold !== undefined ? `${t('reports.kpi.amber')}: ${formatKpiNumber(kpi.amberThreshold)}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <TextInput
      label={kpi.name}
      description={description}
      inputMode={kpi.unit === 'count' ? 'numeric' : 'decimal'}
      autoComplete="off"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      onBlur={onBlur}
      error={error}
      rightSection={<Text size="xs" c="dimmed" aria-hidden>{t(`reports.unitShort.${kpi.unit}`)}</Text>}
      rightSectionWidth={56}
      maw={520}
      data-kpi={kpi.code}
    />
  );
}

/** A saved value ("92.5") as the reader writes decimals ("92,5" in French and Dutch). */
export function kpiInputText(value: string): string {
  return value.replace('.', formatNumber(1.5).replace(/\d/g, '') || '.');
}

/** What the API refused about a KPI: its value (unit rule), its code or unit, or no value on submit; with the API's message. */
export interface KpiFieldError {
  kind: 'value' | 'code' | 'unit' | 'missing';
  message: string;
}

/** The API's field errors by KPI code: `kpiValues.N.value|code|unit` (N: index in the list sent) and `kpiValues.CODE` (missing on submit). */
export function fieldErrorsByCode(error: unknown, sentCodes: string[]): Record<string, KpiFieldError> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, KpiFieldError> = {};
  for (const [field, message] of Object.entries(error.fieldErrors)) {
    const indexed = /^kpiValues\.(\d+)\.(value|code|unit)$/.exec(field);
    if (indexed) {
      const code = sentCodes[Number(indexed[1])];
      if (code) out[code] ??= { kind: indexed[2] as KpiFieldError['kind'], message };
      continue;
    }
    const byCode = /^kpiValues\.([A-Z0-9_]+)$/.exec(field);
    if (byCode) out[byCode[1]] ??= { kind: 'missing', message };
  }
  return out;
}
