import { Alert, Anchor, Badge, Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TemplateDefinition } from '@ddp/definition';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, isApiError } from '../../api/problem';
import { useCurrentUser } from '../../auth/auth';
import { ErrorMessage, QueryState } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { localise } from '../assessments/questionnaire-view';
import { errorsByField } from './definition-editing';
import { IssuePanel } from './issue-panel';
import { canEditTemplate, canIssue, canManageTemplates } from './permissions';
import { createTemplate, downloadWorkbook, getTemplate, listTemplates, publishTemplate, type Template, updateTemplate } from './template-api';
import { isValidDefinition, TemplateWorkspace, useEditorErrors } from './template-workspace';
import { useUnsavedWarning } from './unsaved-warning';

/** One template version: the editor of a draft (save, publish), or a published version (read-only, new version, issue). */
export default function TemplatePage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['template', id], queryFn: () => getTemplate(id) });
  return <QueryState query={query}>{(template) => <TemplateEditorPage key={template.id} template={template} />}</QueryState>;
}

function TemplateEditorPage({ template }: { template: Template }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [definition, setDefinition] = useState<TemplateDefinition>(template.definition);
  const [saved, setSaved] = useState<TemplateDefinition>(template.definition);
  const [version, setVersion] = useState(template.version);
  const [attempted, setAttempted] = useState(false);
  const [confirmPublish, setConfirmPublish] = useState(false);
  const editable = canEditTemplate(me, template.owner?.id);
  const draft = template.status === 'draft';
  const readOnly = !editable || !draft;
  const dirty = definition !== saved && JSON.stringify(definition) !== JSON.stringify(saved);
  useUnsavedWarning(dirty && !readOnly, t('templates.leaveConfirm'));

  const accept = (updated: Template) => {
    setVersion(updated.version);
    setSaved(updated.definition);
    queryClient.setQueryData(['template', updated.id], updated);
    void queryClient.invalidateQueries({ queryKey: ['templates'] });
  };

  const save = useMutation({
    mutationFn: (v: { definition: TemplateDefinition; version: number }) => updateTemplate(template.id, v.version, v.definition),
    onSuccess: (updated) => {
      accept(updated);
      notifications.show({ message: t('state.saved'), color: 'green' });
    },
  });
  /** After a 412: read the current version, then save my definition over it. */
  const reload = useMutation({
    mutationFn: async () => {
      const fresh = await getTemplate(template.id);
      setVersion(fresh.version);
      return updateTemplate(template.id, fresh.version, definition);
    },
    onSuccess: (updated) => {
      save.reset();
      accept(updated);
      notifications.show({ message: t('state.saved'), color: 'green' });
    },
  });
  const publish = useMutation({
    mutationFn: () => publishTemplate(template.id, version),
    onSuccess: (published) => {
      setConfirmPublish(false);
      accept(published);
      notifications.show({ message: t('templates.published'), color: 'green' });
    },
  });
  const newVersion = useMutation({
    mutationFn: () => updateTemplate(template.id, version, saved),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: ['templates'] });
      notifications.show({ message: t('templates.newVersion.created', { n: created.versionNumber }), color: 'green' });
      void navigate(`/templates/${created.id}`);
    },
  });
  const download = useMutation({ mutationFn: () => downloadWorkbook(template.id) });
  const copy = useMutation({
    mutationFn: () => createTemplate({ copyOf: template.id }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: ['templates'] });
      notifications.show({ message: t('templates.copied'), color: 'green' });
      void navigate(`/templates/${created.id}`);
    },
  });

  const current = queryClient.getQueryData<Template>(['template', template.id]) ?? template;
  // The other versions of this template, and the draft of the next one if it exists already (one per family).
  const family = useQuery({ queryKey: ['templates'], queryFn: listTemplates, select: (list) => list.filter((x) => x.familyId === template.familyId && x.id !== template.id) });
  const nextDraft = family.data?.find((x) => x.status === 'draft');
  const stale = isApiError(save.error) && save.error.status === 412;
  const serverErrors = useMemo(() => (save.error instanceof ApiError ? errorsByField(save.error.problem.errors ?? []) : {}), [save.error]);
  const { placed, unplaced } = useEditorErrors(definition, serverErrors, attempted);
  const title = localise(definition.title, i18n.language) || template.title;

  const onSave = () => {
    setAttempted(true);
    if (isValidDefinition(definition)) save.mutate({ definition, version });
  };

  return (
    <Stack>
      <Title order={1}>{title}</Title>
      <Group gap="xs">
        <Badge variant="outline" color={current.status === 'published' ? 'green.9' : 'gray.8'}>
          {t(`templates.status.${current.status}`)}
        </Badge>
        <Text size="sm">{t('templates.versionNumber', { n: template.versionNumber })}</Text>
        <Text size="sm" c="dimmed">
          {template.isReference ? t('templates.reference') : (template.owner?.name ?? t('templates.ownerWithheld'))}
          {current.publishedAt ? ` · ${t('templates.publishedAt', { when: formatDateTime(current.publishedAt) })}` : ` · ${t('templates.updatedAt', { when: formatDateTime(current.updatedAt) })}`}
        </Text>
      </Group>
      {current.status === 'published' && <Text>{t('templates.immutable')}</Text>}
      {!editable && draft && <Text>{t('templates.readOnly')}</Text>}

      <Group>
        {!readOnly && current.status === 'draft' && (
          <>
            <Button onClick={onSave} loading={save.isPending} disabled={!dirty && !save.isError}>
              {t('action.save')}
            </Button>
            <Button variant="light" color="green.9" onClick={() => setConfirmPublish(true)} disabled={dirty}>
              {t('templates.publish')}
            </Button>
            {dirty && (
              <Text size="sm" c="dimmed">
                {t('templates.unsaved')}
              </Text>
            )}
          </>
        )}
        {editable && current.status === 'published' && !nextDraft && (
          <Button variant="light" onClick={() => newVersion.mutate()} loading={newVersion.isPending}>
            {t('templates.newVersion')}
          </Button>
        )}
        {editable && current.status === 'published' && nextDraft && (
          <Button variant="light" component={Link} to={`/templates/${nextDraft.id}`}>
            {t('templates.openDraft', { n: nextDraft.versionNumber })}
          </Button>
        )}
        {!editable && canManageTemplates(me) && (
          <Button variant="light" onClick={() => copy.mutate()} loading={copy.isPending}>
            {t('templates.copyAsDraft')}
          </Button>
        )}
        <Button variant="default" onClick={() => download.mutate()} loading={download.isPending}>
          {t('templates.workbook.download')}
        </Button>
      </Group>
      {newVersion.isError && <ErrorMessage error={newVersion.error} />}
      {family.data && family.data.length > 0 && (
        <Group gap="xs">
          <Text size="sm">{t('templates.otherVersions')}</Text>
          {[...family.data]
            .sort((a, b) => a.versionNumber - b.versionNumber)
            .map((x) => (
              <Anchor key={x.id} component={Link} to={`/templates/${x.id}`} size="sm">
                {t('templates.versionLink', { n: x.versionNumber, status: t(`templates.status.${x.status}`) })}
              </Anchor>
            ))}
        </Group>
      )}
      {download.isError && <ErrorMessage error={download.error} />}
      {copy.isError && <ErrorMessage error={copy.error} />}
      {publish.isError && !confirmPublish && <ErrorMessage error={publish.error} />}
      {stale && (
        <Alert color="yellow" title={t('state.stale')} role="alert">
          <Button size="xs" mt="xs" onClick={() => reload.mutate()} loading={reload.isPending}>
            {t('state.reload')}
          </Button>
          {reload.isError && <ErrorMessage error={reload.error} />}
        </Alert>
      )}
      {save.isError && !stale && !(isApiError(save.error) && save.error.problem.errors?.length) && <ErrorMessage error={save.error} />}
      {attempted && Object.keys(placed).length + unplaced.length > 0 && (
        <Text c="red.8" role="status">
          {t('templates.errors.fix')}
        </Text>
      )}

      {canIssue(me) && current.status === 'published' && <IssuePanel templateId={template.id} />}

      <TemplateWorkspace
        definition={definition}
        onChange={(d) => {
          setDefinition(d);
          if (save.isError && !stale) save.reset();
        }}
        errors={placed}
        unplaced={unplaced}
        readOnly={readOnly || current.status !== 'draft'}
      />

      <Modal opened={confirmPublish} onClose={() => setConfirmPublish(false)} title={t('templates.publish.confirmTitle')}>
        <Stack>
          <Text>{t('templates.publish.confirm')}</Text>
          {!isValidDefinition(definition) && <Text c="red.8">{t('templates.errors.fix')}</Text>}
          {publish.isError && <ErrorMessage error={publish.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmPublish(false)}>
              {t('action.cancel')}
            </Button>
            <Button color="green.9" onClick={() => publish.mutate()} loading={publish.isPending}>
              {t('templates.publish')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
