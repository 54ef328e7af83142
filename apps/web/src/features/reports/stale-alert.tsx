import { Alert, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A 412: someone changed the record meanwhile; reload it and apply the user's change again. */
export function StaleAlert({ onReload, loading }: { onReload: () => void; loading?: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" title={t('state.stale')} role="alert">
      <Button size="xs" variant="light" color="orange.9" onClick={onReload} loading={loading}>
        {t('state.reload')}
      </Button>
    </Alert>
  );
}
