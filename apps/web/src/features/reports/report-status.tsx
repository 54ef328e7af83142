import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DaysLeft } from '../../components/days-left';
import { daysUntil } from './lib';

const STATUS_COLOUR: Record<string, string> = {
  draft: 'gray.7',
  submitted: 'blue.8',
  accepted: 'green.9',
  returned: 'orange.9',
  upcoming: 'gray.7',
  open: 'blue.8',
  overdue: 'red.9',
};

/** A report's or an obligation's state as text (the colour only repeats it). */
export function ReportStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" radius="sm" color={STATUS_COLOUR[status] ?? 'gray.7'}>
      {t(`reports.status.${status}`)}
    </Badge>
  );
}

/**
 * Lateness of a report: once submitted, the days late of its first submission (or "on time");
 * before, the days left until the due date in the contract's time zone.
 */
export function Lateness({ dueDate, daysLate, submitted, timeZone }: { dueDate: string; daysLate: number | null; submitted: boolean; timeZone?: string }) {
  const { t } = useTranslation();
  if (submitted || daysLate !== null) {
    return daysLate && daysLate > 0 ? (
      <Badge variant="filled" color="red.9" radius="sm">
        {t('reports.lateBy', { count: daysLate })}
      </Badge>
    ) : (
      <Badge variant="outline" color="green.9" radius="sm">
        {t('reports.onTime')}
      </Badge>
    );
  }
  return (
    <Group gap={4}>
      <DaysLeft days={daysUntil(dueDate, timeZone)} />
    </Group>
  );
}
