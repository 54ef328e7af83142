import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export const PLAN_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'verified'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

const PLAN_COLOUR: Record<string, string> = { draft: 'gray.8', submitted: 'blue.9', approved: 'teal.9', rejected: 'red.9', verified: 'green.9' };
const ACTION_COLOUR: Record<string, string> = { proposed: 'grape.9', planned: 'gray.8', in_progress: 'blue.9', done: 'teal.9', verified: 'green.9' };

export function PlanStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={PLAN_COLOUR[status] ?? 'gray.8'} radius="sm">
      {t(`plans.status.${status}`)}
    </Badge>
  );
}

export function ActionStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={ACTION_COLOUR[status] ?? 'gray.8'} radius="sm">
      {t(`plans.actionStatus.${status}`)}
    </Badge>
  );
}

/** "Overdue" in words (and red), never colour alone. */
export function OverdueBadge({ label }: { label: string }) {
  return (
    <Badge color="red.9" radius="sm">
      <span aria-hidden>! </span>
      {label}
    </Badge>
  );
}
