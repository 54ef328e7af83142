/**
 * Which report obligations a contract should have, given its clause versions and the obligations
 * it has: a pure function (no Nest, no database), so the reconciliation rules are unit-tested.
 */
import { addDays, ClauseVersion, inForceOn, reportPeriods } from '@ddp/contracts';

export interface ExistingObligation {
  id: string;
  clauseId: string;
  periodStart: string;
  periodEnd: string;
  /** A report was started for it: it is never superseded. */
  hasReport: boolean;
}

export interface PlannedObligation {
  clauseId: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
}

export interface ObligationPlan {
  /** Obligations to mark superseded (ids). */
  supersede: string[];
  /** Obligations to insert, in period order. */
  create: PlannedObligation[];
}

/**
 * Reconciles a contract's obligations with its clause versions (oldest first):
 * - each version with reporting governs [its effectiveFrom (the contract start for the first), the
 *   day before the next version's effectiveFrom], within the contract term;
 * - an obligation stays when the version governing its period start is the one that generated it
 *   (past periods keep the rules they were set under, even when the period runs past a later
 *   version's start), or when a report was started for it;
 * - any other obligation is superseded;
 * - a version's periods are generated over the days of its window that no kept obligation covers,
 *   so the periods after a kept one start the day after it ends.
 * Applying the plan and planning again yields an empty plan.
 */
export function planObligations(term: { startDate: string; endDate: string }, versions: ClauseVersion[], existing: ExistingObligation[]): ObligationPlan {
  const supersede = existing.filter((o) => !o.hasReport && inForceOn(versions, o.periodStart)?.id !== o.clauseId);
  const dropped = new Set(supersede.map((o) => o.id));
  const kept = existing.filter((o) => !dropped.has(o.id)).sort((a, b) => (a.periodStart < b.periodStart ? -1 : a.periodStart > b.periodStart ? 1 : 0));
  const create: PlannedObligation[] = [];
  versions.forEach((version, i) => {
    const reporting = version.terms.reporting;
    if (!reporting) return;
    const next = versions[i + 1];
    const windowStart = i === 0 ? term.startDate : max(version.effectiveFrom, term.startDate);
    const windowEnd = next ? min(addDays(next.effectiveFrom, -1), term.endDate) : term.endDate;
    let cursor = windowStart;
    while (cursor <= windowEnd) {
      const covering = kept.find((o) => o.periodStart <= cursor && cursor <= o.periodEnd);
      if (covering) {
        cursor = addDays(covering.periodEnd, 1);
        continue;
      }
      const following = kept.find((o) => o.periodStart > cursor && o.periodStart <= windowEnd);
      const segmentEnd = following ? addDays(following.periodStart, -1) : windowEnd;
      for (const period of reportPeriods(reporting.frequency, reporting.dueDays, cursor, segmentEnd)) create.push({ clauseId: version.id, ...period });
      cursor = addDays(segmentEnd, 1);
    }
  });
  return { supersede: supersede.map((o) => o.id), create };
}

function max(a: string, b: string): string {
  return a > b ? a : b;
}

function min(a: string, b: string): string {
  return a < b ? a : b;
}
