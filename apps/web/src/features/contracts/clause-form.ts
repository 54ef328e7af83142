import type { Schemas } from '../../api/client';
import { centsToInput, parseAmountToCents } from './amount';

/**
 * The clause editor's form: every value as the person typed it (strings, in the reader's decimal
 * convention), and the pure conversions to and from the API's terms (integer cents, basis points,
 * whole days, KPI decimals with a dot). Conversion errors are keyed by the API's own field paths
 * (`terms.penalties.perDay.amountCents`), so that the form shows them where it shows the API's.
 */
export type Terms = Schemas['ClauseTermsDto'];

export const ARTICLE_KINDS = ['report', 'assessment', 'action_plan', 'action', 'execution_condition'] as const;
export const DELIVERABLE_KINDS = ['report', 'assessment', 'action_plan', 'action'] as const;
export const FREQUENCIES = ['monthly', 'quarterly', 'semi_annual', 'annual'] as const;
export const KPI_UNITS = ['percent', 'count', 'days', 'hours', 'ratio'] as const;
export const KPI_DIRECTIONS = ['higher', 'lower'] as const;

type ArticleKind = (typeof ARTICLE_KINDS)[number];
type DeliverableKind = (typeof DELIVERABLE_KINDS)[number];

export interface KpiRow {
  key: number;
  code: string;
  name: string;
  unit: (typeof KPI_UNITS)[number];
  direction: (typeof KPI_DIRECTIONS)[number];
  target: string;
  amberThreshold: string;
}

export interface BonusMalusRow {
  key: number;
  kpiCode: string;
  bonus: string;
  malus: string;
  cap: string;
}

export interface ClauseForm {
  effectiveFrom: string;
  articles: Record<ArticleKind, string>;
  reporting: boolean;
  frequency: (typeof FREQUENCIES)[number];
  dueDays: string;
  kpis: KpiRow[];
  reassessment: boolean;
  intervalMonths: string;
  responseDays: string;
  noticeResponseDays: string;
  noticeRemedyDays: string;
  planDeadlineDays: string;
  perDefaultKind: '' | 'fixed' | 'percent';
  perDefaultAmount: string;
  perDefaultRate: string;
  perDefaultMin: string;
  perDefaultMax: string;
  perDayAmount: string;
  perDayCapAmount: string;
  perDayCapRate: string;
  cumulativeCapAmount: string;
  cumulativeCapRate: string;
  lateFines: boolean;
  lateRate: string;
  lateCap: string;
  deliverables: Record<DeliverableKind, string>;
  bonusMalus: BonusMalusRow[];
}

/** Why a typed value was refused before sending: a key under `contracts.clauseForm.error.`. */
export type InputError = 'required' | 'integer' | 'format' | 'decimals' | 'tooLarge';

let nextKey = 1;
/** A fresh React key for a new row. */
export const rowKey = () => nextKey++;

/** A percentage typed by a person ("7,5", "0,01", "100") → basis points (1 bp = 0.01 %), exactly. */
export function percentToBasisPoints(input: string, language: string): { ok: true; basisPoints: number } | { ok: false; reason: InputError } {
  // Two decimals of a percentage are basis points just as two decimals of a euro are cents.
  const r = parseAmountToCents(input.replace(/%\s*$/, ''), language);
  if (!r.ok) return { ok: false, reason: r.reason === 'empty' ? 'required' : r.reason };
  return { ok: true, basisPoints: r.cents };
}

/** Basis points back to the percentage the form shows: 750 → "7,5", 1 → "0,01", 1000 → "10". */
export function basisPointsToInput(basisPoints: number, language: string): string {
  return trimZeros(centsToInput(basisPoints, language));
}

/** Cents back to the amount the form shows: 50000 → "500", 5 → "0,05", 123456 → "1234,56". */
export function centsToAmountInput(cents: number, language: string): string {
  const s = centsToInput(cents, language);
  return s.endsWith('00') ? s.slice(0, -3) : s;
}

function trimZeros(s: string): string {
  return s.replace(/([.,]\d*?)0+$/, '$1').replace(/[.,]$/, '');
}

/** A KPI value typed with the reader's decimal comma → the API's decimal string ("12,5" → "12.5"); the API judges the rest. */
export function kpiValueToApi(input: string, language: string): string {
  const s = input.trim().replace(/[\s\u00a0\u202f]/g, '');
  return language.startsWith('en') ? s : s.replace(',', '.');
}

/** The API's KPI decimal → what the form shows ("12.5" → "12,5" in French and Dutch). */
export function kpiValueToInput(value: string, language: string): string {
  return language.startsWith('en') ? value : value.replace('.', ',');
}

export function emptyKpi(): KpiRow {
  return { key: rowKey(), code: '', name: '', unit: 'percent', direction: 'higher', target: '', amberThreshold: '' };
}

export function emptyBonusMalus(kpiCode = ''): BonusMalusRow {
  return { key: rowKey(), kpiCode, bonus: '', malus: '', cap: '' };
}

/** The form for a first clause (legal defaults), or prefilled from the clause in force. */
export function termsToForm(terms: Terms | undefined, language: string): ClauseForm {
  const money = (cents: number | undefined) => (cents == null ? '' : centsToAmountInput(cents, language));
  const rate = (bp: number | undefined) => (bp == null ? '' : basisPointsToInput(bp, language));
  const articles = Object.fromEntries(ARTICLE_KINDS.map((k) => [k, terms?.articles?.[k] ?? ''])) as Record<ArticleKind, string>;
  const values = terms?.lateFines?.deliverableValueCents;
  const perDefault = terms?.penalties?.perDefault;
  return {
    effectiveFrom: '',
    articles,
    reporting: terms ? !!terms.reporting : true,
    frequency: terms?.reporting?.frequency ?? 'quarterly',
    dueDays: String(terms?.reporting?.dueDays ?? 30),
    kpis: (terms?.reporting?.kpis ?? []).map((k) => ({
      key: rowKey(),
      code: k.code,
      name: k.name,
      unit: k.unit,
      direction: k.direction,
      target: kpiValueToInput(k.target, language),
      amberThreshold: k.amberThreshold != null ? kpiValueToInput(k.amberThreshold, language) : '',
    })),
    reassessment: !!terms?.reassessment,
    intervalMonths: String(terms?.reassessment?.intervalMonths ?? 12),
    responseDays: String(terms?.reassessment?.responseDays ?? 30),
    noticeResponseDays: String(terms?.noticeResponseDays ?? 15),
    noticeRemedyDays: String(terms?.noticeRemedyDays ?? 30),
    planDeadlineDays: String(terms?.planDeadlineDays ?? 30),
    perDefaultKind: perDefault?.kind ?? '',
    perDefaultAmount: money(perDefault?.amountCents),
    perDefaultRate: rate(perDefault?.basisPoints),
    perDefaultMin: money(perDefault?.minCents),
    perDefaultMax: money(perDefault?.maxCents),
    perDayAmount: money(terms?.penalties?.perDay?.amountCents),
    perDayCapAmount: money(terms?.penalties?.perDay?.cap?.amountCents),
    perDayCapRate: rate(terms?.penalties?.perDay?.cap?.basisPoints),
    cumulativeCapAmount: money(terms?.penalties?.cumulativeCap?.amountCents),
    cumulativeCapRate: rate(terms?.penalties?.cumulativeCap?.basisPoints),
    lateFines: !!terms?.lateFines,
    lateRate: rate(terms?.lateFines?.ratePerDayBasisPoints),
    lateCap: rate(terms?.lateFines?.capBasisPoints),
    deliverables: Object.fromEntries(DELIVERABLE_KINDS.map((k) => [k, money(values?.[k])])) as Record<DeliverableKind, string>,
    bonusMalus: (terms?.bonusMalus ?? []).map((b) => ({ key: rowKey(), kpiCode: b.kpiCode, bonus: money(b.bonusCentsPerUnit), malus: money(b.malusCentsPerUnit), cap: money(b.capCents) })),
  };
}

/** The form → the API's terms, or the fields it cannot convert (by API field path). Blank optional fields are left out. */
export function formToTerms(form: ClauseForm, language: string): { ok: true; terms: Terms } | { ok: false; errors: Record<string, InputError> } {
  const errors: Record<string, InputError> = {};
  const cents = (path: string, input: string, required = false): number | undefined => {
    if (!input.trim()) {
      if (required) errors[path] = 'required';
      return undefined;
    }
    const r = parseAmountToCents(input, language);
    if (!r.ok) errors[path] = r.reason === 'empty' ? 'required' : r.reason;
    return r.ok ? r.cents : undefined;
  };
  const bp = (path: string, input: string, required = false): number | undefined => {
    if (!input.trim()) {
      if (required) errors[path] = 'required';
      return undefined;
    }
    const r = percentToBasisPoints(input, language);
    if (!r.ok) errors[path] = r.reason;
    return r.ok ? r.basisPoints : undefined;
  };
  const int = (path: string, input: string): number => {
    const s = input.trim();
    if (!s) errors[path] = 'required';
    else if (!/^\d{1,9}$/.test(s)) errors[path] = 'integer';
    return Number(s);
  };
  const text = (s: string) => s.trim();
  const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

  const articles = defined(Object.fromEntries(ARTICLE_KINDS.map((k) => [k, text(form.articles[k]) || undefined])));
  const reporting = form.reporting
    ? {
        frequency: form.frequency,
        dueDays: int('terms.reporting.dueDays', form.dueDays),
        kpis: form.kpis.map((k) => ({
          code: text(k.code),
          name: text(k.name),
          unit: k.unit,
          direction: k.direction,
          target: kpiValueToApi(k.target, language),
          ...(k.amberThreshold.trim() ? { amberThreshold: kpiValueToApi(k.amberThreshold, language) } : {}),
        })),
      }
    : undefined;
  const reassessment = form.reassessment ? { intervalMonths: int('terms.reassessment.intervalMonths', form.intervalMonths), responseDays: int('terms.reassessment.responseDays', form.responseDays) } : undefined;

  const perDefault =
    form.perDefaultKind === 'fixed'
      ? { kind: 'fixed' as const, amountCents: cents('terms.penalties.perDefault.amountCents', form.perDefaultAmount, true) }
      : form.perDefaultKind === 'percent'
        ? defined({
            kind: 'percent' as const,
            basisPoints: bp('terms.penalties.perDefault.basisPoints', form.perDefaultRate, true),
            minCents: cents('terms.penalties.perDefault.minCents', form.perDefaultMin),
            maxCents: cents('terms.penalties.perDefault.maxCents', form.perDefaultMax),
          })
        : undefined;
  const perDayAmount = cents('terms.penalties.perDay.amountCents', form.perDayAmount, !!(form.perDayCapAmount.trim() || form.perDayCapRate.trim()));
  const perDayCap = defined({ amountCents: cents('terms.penalties.perDay.cap.amountCents', form.perDayCapAmount), basisPoints: bp('terms.penalties.perDay.cap.basisPoints', form.perDayCapRate) });
  const perDay = perDayAmount !== undefined ? { amountCents: perDayAmount, ...(Object.keys(perDayCap).length ? { cap: perDayCap } : {}) } : undefined;
  const cumulativeCap = defined({ amountCents: cents('terms.penalties.cumulativeCap.amountCents', form.cumulativeCapAmount), basisPoints: bp('terms.penalties.cumulativeCap.basisPoints', form.cumulativeCapRate) });
  const penalties = defined({ perDefault, perDay, cumulativeCap: Object.keys(cumulativeCap).length ? cumulativeCap : undefined });

  const lateFines = form.lateFines
    ? {
        ratePerDayBasisPoints: bp('terms.lateFines.ratePerDayBasisPoints', form.lateRate, true) ?? 0,
        capBasisPoints: bp('terms.lateFines.capBasisPoints', form.lateCap, true) ?? 0,
        deliverableValueCents: defined(Object.fromEntries(DELIVERABLE_KINDS.map((k) => [k, cents(`terms.lateFines.deliverableValueCents.${k}`, form.deliverables[k])]))),
      }
    : undefined;
  const bonusMalus = form.bonusMalus.map((b, i) => ({
    kpiCode: text(b.kpiCode),
    bonusCentsPerUnit: cents(`terms.bonusMalus.${i}.bonusCentsPerUnit`, b.bonus, true) ?? 0,
    malusCentsPerUnit: cents(`terms.bonusMalus.${i}.malusCentsPerUnit`, b.malus, true) ?? 0,
    capCents: cents(`terms.bonusMalus.${i}.capCents`, b.cap, true) ?? 0,
  }));

  const terms: Terms = {
    articles,
    ...(reporting ? { reporting } : {}),
    ...(reassessment ? { reassessment } : {}),
    noticeResponseDays: int('terms.noticeResponseDays', form.noticeResponseDays),
    noticeRemedyDays: int('terms.noticeRemedyDays', form.noticeRemedyDays),
    planDeadlineDays: int('terms.planDeadlineDays', form.planDeadlineDays),
    ...(Object.keys(penalties).length ? { penalties: penalties as Terms['penalties'] } : {}),
    ...(lateFines ? { lateFines } : {}),
    ...(bonusMalus.length ? { bonusMalus } : {}),
  };
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, terms };
}

/** Every field path the editor shows an error beside; errors on any other path are listed above the save button. */
export function shownPaths(form: ClauseForm): Set<string> {
  const paths = [
    'effectiveFrom',
    ...ARTICLE_KINDS.map((k) => `terms.articles.${k}`),
    'terms.reporting.frequency',
    'terms.reporting.dueDays',
    ...form.kpis.flatMap((_, i) => ['code', 'name', 'unit', 'direction', 'target', 'amberThreshold'].map((f) => `terms.reporting.kpis.${i}.${f}`)),
    'terms.reassessment.intervalMonths',
    'terms.reassessment.responseDays',
    'terms.noticeResponseDays',
    'terms.noticeRemedyDays',
    'terms.planDeadlineDays',
    ...['kind', 'amountCents', 'basisPoints', 'minCents', 'maxCents'].map((f) => `terms.penalties.perDefault.${f}`),
    'terms.penalties.perDay.amountCents',
    'terms.penalties.perDay.cap.amountCents',
    'terms.penalties.perDay.cap.basisPoints',
    'terms.penalties.cumulativeCap.amountCents',
    'terms.penalties.cumulativeCap.basisPoints',
    'terms.lateFines.ratePerDayBasisPoints',
    'terms.lateFines.capBasisPoints',
    ...DELIVERABLE_KINDS.map((k) => `terms.lateFines.deliverableValueCents.${k}`),
    ...form.bonusMalus.flatMap((_, i) => ['kpiCode', 'bonusCentsPerUnit', 'malusCentsPerUnit', 'capCents'].map((f) => `terms.bonusMalus.${i}.${f}`)),
  ];
  return new Set(paths);
}
