import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCurrentUser } from '../../auth/auth';
import { ErrorMessage, QueryState } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { canManageTemplates } from './permissions';
import { createTemplate, downloadWorkbook, listTemplates, type TemplateSummary } from './template-api';
import { WorkbookImport } from './workbook-import';

/** The templates the user may see (the organisation's and the platform's reference templates), with create, copy, workbook. */
export default function TemplatesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const manage = canManageTemplates(me);
  const templates = useQuery({ queryKey: ['templates'], queryFn: listTemplates });
  const download = useMutation({ mutationFn: (id: string) => downloadWorkbook(id) });
  const copy = useMutation({
    mutationFn: (id: string) => createTemplate({ copyOf: id }),
    onSuccess: (created) => {
      notifications.show({ message: t('templates.copied'), color: 'green' });
      void queryClient.invalidateQueries({ queryKey: ['templates'] });
      void navigate(`/templates/${created.id}`);
    },
  });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('templates.title')}</Title>
        {manage && (
          <Button component={Link} to="/templates/new">
            {t('templates.new')}
          </Button>
        )}
      </Group>
      <Text c="dimmed">{t('templates.intro')}</Text>
      {download.isError && <ErrorMessage error={download.error} />}
      {copy.isError && <ErrorMessage error={copy.error} />}
      <QueryState query={templates} isEmpty={(list) => list.length === 0} empty={t('templates.empty')}>
        {(list) => (
          <Table striped highlightOnHover>
            <Table.Caption>{t('templates.caption', { count: list.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('templates.col.title')}</Table.Th>
                <Table.Th scope="col">{t('templates.col.version')}</Table.Th>
                <Table.Th scope="col">{t('templates.col.status')}</Table.Th>
                <Table.Th scope="col">{t('templates.col.owner')}</Table.Th>
                <Table.Th scope="col">{t('templates.col.questions')}</Table.Th>
                <Table.Th scope="col">{t('templates.col.updated')}</Table.Th>
                <Table.Th scope="col">{t('templates.col.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((tpl) => (
                <TemplateRow
                  key={tpl.id}
                  template={tpl}
                  canCopy={manage}
                  onDownload={() => download.mutate(tpl.id)}
                  downloading={download.isPending && download.variables === tpl.id}
                  onCopy={() => copy.mutate(tpl.id)}
                  copying={copy.isPending && copy.variables === tpl.id}
                />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      {manage && <WorkbookImport />}
    </Stack>
  );
}

function TemplateRow({ template, canCopy, onDownload, downloading, onCopy, copying }: { template: TemplateSummary; canCopy: boolean; onDownload: () => void; downloading: boolean; onCopy: () => void; copying: boolean }) {
  const { t } = useTranslation();
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/templates/${template.id}`}>
          {template.title}
        </Anchor>
      </Table.Td>
      <Table.Td>{template.versionNumber}</Table.Td>
      <Table.Td>
        <Badge variant="outline" color={template.status === 'published' ? 'green.9' : 'gray.8'}>
          {t(`templates.status.${template.status}`)}
        </Badge>
      </Table.Td>
      <Table.Td>{template.isReference ? t('templates.reference') : (template.owner?.name ?? t('templates.ownerWithheld'))}</Table.Td>
      <Table.Td>{template.questionCount}</Table.Td>
      <Table.Td>{formatDateTime(template.publishedAt ?? template.updatedAt)}</Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="light" component={Link} to={`/templates/${template.id}`} aria-label={t('templates.openNamed', { title: template.title })}>
            {t('templates.open')}
          </Button>
          <Button size="xs" variant="default" onClick={onDownload} loading={downloading} aria-label={t('templates.workbook.downloadNamed', { title: template.title })}>
            {t('templates.workbook.short')}
          </Button>
          {canCopy && (
            <Button size="xs" variant="subtle" onClick={onCopy} loading={copying} aria-label={t('templates.copyNamed', { title: template.title })}>
              {t('templates.copy')}
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
