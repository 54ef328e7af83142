import { Button, Fieldset, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { today } from '../review/shared';

export interface ActionDraft {
  id?: string;
  description: string;
  owner: string;
  dueDate: string;
}

export const emptyAction = (): ActionDraft => ({ description: '', owner: '', dueDate: '' });

/** A list of actions (description, owner, due date) to edit; errors named `<prefix>.N.field` are shown on their field. */
export function ActionsEditor({ value, onChange, errors, prefix = 'actions' }: { value: ActionDraft[]; onChange: (v: ActionDraft[]) => void; errors: Record<string, string>; prefix?: string }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<ActionDraft>) => onChange(value.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  return (
    <Stack gap="sm">
      {value.map((a, i) => (
        <Fieldset key={a.id ?? `new-${i}`} legend={t('plans.actionNumber', { number: i + 1 })}>
          <Stack gap="xs">
            <Textarea label={t('plans.description')} required autosize minRows={2} value={a.description} error={errors[`${prefix}.${i}.description`]} onChange={(e) => set(i, { description: e.currentTarget.value })} />
            <Group align="flex-start" grow>
              <TextInput label={t('plans.owner')} required value={a.owner} error={errors[`${prefix}.${i}.owner`]} onChange={(e) => set(i, { owner: e.currentTarget.value })} />
              <TextInput type="date" label={t('plans.dueDate')} required min={today()} value={a.dueDate} error={errors[`${prefix}.${i}.dueDate`]} onChange={(e) => set(i, { dueDate: e.currentTarget.value })} />
            </Group>
            <Button variant="subtle" color="red.8" size="xs" w="fit-content" onClick={() => onChange(value.filter((_, j) => j !== i))}>
              {t('plans.removeAction', { number: i + 1 })}
            </Button>
          </Stack>
        </Fieldset>
      ))}
      <Button variant="light" w="fit-content" onClick={() => onChange([...value, emptyAction()])}>
        {t('plans.addAction')}
      </Button>
    </Stack>
  );
}
