import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Days left before a deadline (negative: late), as text with a colour that is not the only signal. */
export function DaysLeft({ days }: { days: number }) {
  const { t } = useTranslation();
  const text = days > 0 ? t('days.left', { count: days }) : days === 0 ? t('days.today') : t('days.late', { count: -days });
  // Text colours with at least 4.5:1 contrast on white (Mantine's orange 9 has 4.0:1).
  const color = days < 0 ? '#b3261e' : days <= 3 ? '#a33b00' : 'gray.7';
  return (
    <Badge variant="outline" color={color} radius="sm">
      {text}
    </Badge>
  );
}
