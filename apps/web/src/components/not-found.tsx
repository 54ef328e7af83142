import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Stack py="xl" align="flex-start">
      <Title order={1}>404</Title>
      <Text>{t('state.notFound')}</Text>
      <Button component={Link} to="/" variant="light">
        {t('state.back')}
      </Button>
    </Stack>
  );
}
