import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/problem';
import { ErrorMessage } from '../../components/states';

/** API problems this feature explains in the reader's language; others show the API's detail. */
const KNOWN = ['response_period_ended', 'response_period_open', 'invalid_state'];

export function ProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const code = isApiError(error) ? error.problem.code : undefined;
  if (!code || !KNOWN.includes(code)) return <ErrorMessage error={error} />;
  return (
    <Alert color="red" title={t(`defaults.problem.${code}`)} role="alert">
      {isApiError(error) && error.problem.detail && <Text size="sm">{error.problem.detail}</Text>}
    </Alert>
  );
}
