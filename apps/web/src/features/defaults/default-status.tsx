import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLOUR: Record<string, string> = {
  proposed: 'gray.7',
  dismissed: 'gray.7',
  notified: 'orange.9',
  answered: 'blue.8',
  acknowledged: 'blue.8',
  decided: 'green.9',
};

/** The stage of a default as text (proposed / notice sent / answered / facts acknowledged / decided). */
export function DefaultStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" radius="sm" color={COLOUR[status] ?? 'gray.7'}>
      {t(`defaults.status.${status}`)}
    </Badge>
  );
}
