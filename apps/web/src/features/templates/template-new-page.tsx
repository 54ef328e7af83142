import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type TemplateLanguage, TEMPLATE_LANGUAGES } from '@ddp/definition';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/problem';
import { useCurrentUser } from '../../auth/auth';
import { ErrorMessage } from '../../components/states';
import { addQuestion, addSection, emptyDefinition, errorsByField } from './definition-editing';
import { canManageTemplates } from './permissions';
import { createTemplate } from './template-api';
import { isValidDefinition, TemplateWorkspace, useEditorErrors } from './template-workspace';
import { useUnsavedWarning } from './unsaved-warning';

/** A new draft template, built in the editor and created on the first save. */
export default function TemplateNewPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [definition, setDefinition] = useState(() => {
    const lang = (TEMPLATE_LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as TemplateLanguage) : 'en';
    return addQuestion(addSection(emptyDefinition([lang])), 0);
  });
  const [attempted, setAttempted] = useState(false);
  const [touched, setTouched] = useState(false);
  const allowLeave = useUnsavedWarning(touched, t('templates.leaveConfirm'));
  const create = useMutation({
    mutationFn: () => createTemplate({ definition }),
    onSuccess: (created) => {
      notifications.show({ message: t('templates.created'), color: 'green' });
      void queryClient.invalidateQueries({ queryKey: ['templates'] });
      allowLeave();
      void navigate(`/templates/${created.id}`, { replace: true });
    },
  });
  const serverErrors = useMemo(() => (create.error instanceof ApiError ? errorsByField(create.error.problem.errors ?? []) : {}), [create.error]);
  const { placed, unplaced } = useEditorErrors(definition, serverErrors, attempted);

  if (!canManageTemplates(me)) {
    return (
      <Stack>
        <Title order={1}>{t('templates.new.title')}</Title>
        <Text>{t('templates.notAllowed')}</Text>
      </Stack>
    );
  }

  const save = () => {
    setAttempted(true);
    if (isValidDefinition(definition)) create.mutate();
  };

  return (
    <Stack>
      <Title order={1}>{t('templates.new.title')}</Title>
      <Text c="dimmed">{t('templates.new.hint')}</Text>
      <Group>
        <Button onClick={save} loading={create.isPending}>
          {t('templates.new.create')}
        </Button>
        <Button component={Link} to="/templates" variant="default">
          {t('action.cancel')}
        </Button>
      </Group>
      {create.isError && !(create.error instanceof ApiError && create.error.problem.errors?.length) && <ErrorMessage error={create.error} />}
      {attempted && Object.keys(placed).length + unplaced.length > 0 && (
        <Text c="red.8" role="status">
          {t('templates.errors.fix')}
        </Text>
      )}
      <TemplateWorkspace
        definition={definition}
        onChange={(d) => {
          setDefinition(d);
          setTouched(true);
          if (create.isError) create.reset();
        }}
        errors={placed}
        unplaced={unplaced}
        readOnly={false}
      />
    </Stack>
  );
}
