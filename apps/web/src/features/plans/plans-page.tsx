import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PlansList } from './plans-list';

export default function PlansPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1}>{t('plans.title')}</Title>
      <PlansList />
    </Stack>
  );
}
