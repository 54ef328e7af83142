import { Alert, Button, Container, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/problem';
import { session } from '../../api/session';
import { accountFieldErrors } from './account-field-errors';
import { LanguagePicker } from './language-picker';

/** The page of the invitation mail's link: choose a name and a password, then in. */
export default function AcceptInvitationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const accepted = unwrap(await api.POST('/api/v1/invitations/accept', { body: { token, name, password } }));
      // The browser keeps its session in a cookie: end the session the API opened for API clients, log in the browser's way.
      await api.POST('/api/v1/auth/logout', { body: { refreshToken: accepted.tokens.refreshToken } });
      await session.login(accepted.user.email, password);
      navigate('/', { replace: true });
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
        {t('auth.invitation.title')}
      </Title>
      <Paper withBorder shadow="sm" p="lg" radius="md">
        {!token ? (
          <Alert color="red" role="alert">
            {t('auth.invitation.noToken')}
          </Alert>
        ) : (
          <form onSubmit={(e) => void submit(e)} noValidate>
            <Stack>
              {error && !error.problem.errors && (
                <Alert color="red" role="alert">
                  {error.message}
                </Alert>
              )}
              <TextInput label={t('auth.invitation.name')} autoComplete="name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fields.name} />
              <PasswordInput
                label={t('auth.invitation.password')}
                description={t('auth.invitation.passwordHint')}
                autoComplete="new-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={fields.password}
                // Mantine's PasswordInput tells only by colour that it is invalid: screen readers hear it too.
                aria-invalid={!!fields.password}
              />
              <Button type="submit" loading={busy}>
                {t('auth.invitation.submit')}
              </Button>
            </Stack>
          </form>
        )}
      </Paper>
    </Container>
  );
}
