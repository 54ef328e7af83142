import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';

export type Finding = Schemas['FindingDto'];
export const SEVERITIES = ['high', 'medium', 'low'] as const;
export const STATUSES = ['open', 'resolved', 'closed'] as const;
export const THEMES = [
  'forced_labour',
  'child_labour',
  'freedom_of_association',
  'non_discrimination',
  'working_hours_wages',
  'health_safety',
  'minerals',
  'environment',
  'circularity',
  'management_system',
  'site_disclosure',
  'labels',
  'other',
] as const;

const SEVERITY_COLOUR: Record<string, string> = { high: 'red.9', medium: 'orange.9', low: 'gray.7' };

/** Severity as text (with a colour that is not the only signal). */
export function SeverityBadge({ severity }: { severity: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={SEVERITY_COLOUR[severity] ?? 'gray.7'} radius="sm">
      {t(`findings.severity.${severity}`)}
    </Badge>
  );
}

export function FindingStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={status === 'open' ? 'blue.9' : 'gray.8'} radius="sm">
      {t(`findings.status.${status}`)}
    </Badge>
  );
}

/** The colour of the answer a finding came from, if any. */
export function answerColour(f: Pick<Finding, 'answer'>): string | null {
  return f.answer?.colour ?? null;
}
