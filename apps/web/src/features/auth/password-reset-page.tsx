import { Alert, Anchor, Button, Container, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/problem';
import { accountFieldErrors } from './account-field-errors';
import { LanguagePicker } from './language-picker';

/** Without a token: ask for a link by mail. With the mail's token: set the new password. */
export default function PasswordResetPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  const [value, setValue] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (token) unwrap(await api.POST('/api/v1/auth/password-reset/confirm', { body: { token, password: value } }));
      else unwrap(await api.POST('/api/v1/auth/password-reset', { body: { email: value } }));
      setDone(true);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, { detail: String(e) }));
    } finally {
      setBusy(false);
    }
  };
  const fields = accountFieldErrors(error, t);

  return (
    <Container size={460} py={60} component="main" id="main">
      <LanguagePicker />
      <Title order={1} ta="center" mb="lg">
        {t('auth.reset.title')}
      </Title>
      <Paper withBorder shadow="sm" p="lg" radius="md">
        {done ? (
          <Stack>
            <Alert color="green" role="status">
              {token ? t('auth.reset.done') : t('auth.reset.sent')}
            </Alert>
            <Anchor component={Link} to="/login">
              {t('auth.login.title')}
            </Anchor>
          </Stack>
        ) : (
          <form onSubmit={(e) => void submit(e)} noValidate>
            <Stack>
              {error && !error.problem.errors && (
                <Alert color="red" role="alert">
                  {error.message}
                </Alert>
              )}
              {token ? (
                <PasswordInput label={t('auth.reset.newPassword')} description={t('auth.invitation.passwordHint')} autoComplete="new-password" required value={value} onChange={(e) => setValue(e.currentTarget.value)} error={fields.password} aria-invalid={!!fields.password} />
              ) : (
                <TextInput label={t('auth.reset.email')} type="email" autoComplete="email" required value={value} onChange={(e) => setValue(e.currentTarget.value)} error={fields.email} />
              )}
              <Button type="submit" loading={busy}>
                {token ? t('auth.reset.confirm') : t('auth.reset.request')}
              </Button>
            </Stack>
          </form>
        )}
      </Paper>
    </Container>
  );
}
