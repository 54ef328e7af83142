import { Alert, Anchor, Button, Container, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import type { Problem } from '../../api/problem';
import { session } from '../../api/session';
import { useSessionState } from '../../auth/auth';
import { accountFieldMessage } from './account-field-errors';
import { LanguagePicker } from './language-picker';

export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const state = useSessionState();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  if (state === 'signed-in') return <Navigate to={from} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const response = await session.login(email, password);
      if (response.ok) navigate(from, { replace: true });
      else setProblem((await response.json().catch(() => ({}))) as Problem);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (field: string) => {
    const message = problem?.errors?.find((e) => e.field === field)?.message;
    return message && accountFieldMessage(message, t);
  };

  return (
    <Container size={420} py={60} component="main" id="main">
      <LanguagePicker />
      <Title order={1} ta="center" mb="lg">
        {t('auth.login.title')}
      </Title>
      <Paper withBorder shadow="sm" p="lg" radius="md">
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            {problem && !problem.errors && (
              <Alert color="red" role="alert">
                {problem.code === 'invalid_credentials' ? t('auth.login.invalid') : (problem.detail ?? problem.title)}
              </Alert>
            )}
            <TextInput label={t('auth.login.email')} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fieldError('email')} />
            <PasswordInput label={t('auth.login.password')} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={fieldError('password')} aria-invalid={!!fieldError('password')} />
            <Button type="submit" loading={busy}>
              {t('auth.login.submit')}
            </Button>
            <Anchor component={Link} to="/password-reset" size="sm">
              {t('auth.login.forgot')}
            </Anchor>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}
