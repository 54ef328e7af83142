import { Anchor, Button, Checkbox, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/problem';
import { ErrorMessage, QueryState } from '../../components/states';
import { formatDate } from '../../lib/format';
import { type Contract, issueAssessments, type IssuedAssessment, listIssuableContracts } from './template-api';

/** Issues this published version to the suppliers of chosen contracts (one request, all or nothing), with a due date. */
export function IssuePanel({ templateId }: { templateId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const contracts = useQuery({ queryKey: ['contracts', 'issuable'], queryFn: listIssuableContracts });
  const [chosen, setChosen] = useState<string[]>([]);
  const [dueDate, setDueDate] = useState('');
  const [filter, setFilter] = useState('');
  const [issued, setIssued] = useState<IssuedAssessment[] | null>(null);
  const issue = useMutation({
    mutationFn: (contractIds: string[]) => issueAssessments(templateId, contractIds, dueDate),
    onSuccess: (result) => {
      setIssued(result);
      setChosen([]);
      void queryClient.invalidateQueries({ queryKey: ['assessments'] });
    },
  });
  const fields = issue.error instanceof ApiError ? issue.error.fieldErrors : {};
  // A problem with one contract is named by its place in the request (`contractIds[2]`): show it on that contract's row.
  const rowErrors = new Map<string, string>();
  for (const [field, message] of Object.entries(fields)) {
    const index = /^contractIds\[(\d+)\]$/.exec(field)?.[1] ?? (field === 'contractId' ? '0' : undefined);
    const contractId = index === undefined ? undefined : issue.variables?.[Number(index)];
    if (contractId) rowErrors.set(contractId, message);
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    issue.mutate(chosen);
  };
  const matches = (c: Contract) => `${c.reference} ${c.title} ${c.supplier.name}`.toLowerCase().includes(filter.trim().toLowerCase());

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="tpl-issue-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="tpl-issue-heading">
            {t('templates.issue.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('templates.issue.hint')}
          </Text>
          <QueryState query={contracts} isEmpty={(list) => list.length === 0} empty={t('templates.issue.noContracts')}>
            {(list) => {
              const shown = list.filter(matches);
              const allShown = shown.length > 0 && shown.every((c) => chosen.includes(c.id));
              return (
                <Stack gap="xs">
                  <TextInput label={t('templates.issue.filter')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} w={320} />
                  <Table striped>
                    <Table.Caption>{t('templates.issue.chosen', { count: chosen.length })}</Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">
                          <Checkbox
                            aria-label={t('templates.issue.chooseAll')}
                            checked={allShown}
                            indeterminate={!allShown && shown.some((c) => chosen.includes(c.id))}
                            onChange={() => setChosen(allShown ? chosen.filter((id) => !shown.some((c) => c.id === id)) : [...new Set([...chosen, ...shown.map((c) => c.id)])])}
                          />
                        </Table.Th>
                        <Table.Th scope="col">{t('templates.issue.contract')}</Table.Th>
                        <Table.Th scope="col">{t('templates.issue.supplier')}</Table.Th>
                        <Table.Th scope="col">{t('templates.issue.period')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {shown.map((c) => (
                        <Table.Tr key={c.id}>
                          <Table.Td>
                            <Checkbox
                              aria-label={t('templates.issue.choose', { reference: c.reference })}
                              checked={chosen.includes(c.id)}
                              onChange={(e) => {
                                const on = e.currentTarget.checked;
                                setChosen((prev) => (on ? [...prev, c.id] : prev.filter((id) => id !== c.id)));
                              }}
                            />
                          </Table.Td>
                          <Table.Td>
                            <Anchor component={Link} to={`/contracts/${c.id}`}>
                              {c.reference}
                            </Anchor>
                            <Text size="sm" c="dimmed">
                              {c.title}
                            </Text>
                            {rowErrors.has(c.id) && (
                              <Text size="sm" c="red.8">
                                {rowErrors.get(c.id)}
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td>{c.supplier.name}</Table.Td>
                          <Table.Td>
                            {formatDate(c.startDate)} – {formatDate(c.endDate)}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                  {fields.contractIds && (
                    <Text size="sm" c="red.8">
                      {fields.contractIds}
                    </Text>
                  )}
                </Stack>
              );
            }}
          </QueryState>
          <TextInput
            type="date"
            label={t('templates.issue.dueDate')}
            description={t('templates.issue.dueDateHint')}
            required
            w={220}
            value={dueDate}
            error={fields.dueDate}
            onChange={(e) => setDueDate(e.currentTarget.value)}
          />
          {issue.isError && !fields.dueDate && !fields.contractIds && rowErrors.size === 0 && <ErrorMessage error={issue.error} />}
          <Button type="submit" w="fit-content" loading={issue.isPending} disabled={chosen.length === 0 || !dueDate}>
            {t('templates.issue.submit', { count: chosen.length })}
          </Button>
          {issued && <IssuedList issued={issued} />}
        </Stack>
      </form>
    </Paper>
  );
}

function IssuedList({ issued }: { issued: IssuedAssessment[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" role="status">
      <Text fw={600}>{t('templates.issue.done', { count: issued.length })}</Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('templates.issue.contract')}</Table.Th>
            <Table.Th scope="col">{t('templates.issue.supplier')}</Table.Th>
            <Table.Th scope="col">{t('templates.issue.dueDate')}</Table.Th>
            <Table.Th scope="col">{t('templates.issue.assessment')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {issued.map((a) => (
            <Table.Tr key={a.id}>
              {/* Just issued by this buyer: its own contract, always named. */}
              <Table.Td>{a.contract?.reference}</Table.Td>
              <Table.Td>{a.supplier.name}</Table.Td>
              <Table.Td>{formatDate(a.dueDate)}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/assessments/${a.id}`}>
                  {t('templates.issue.open')}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
