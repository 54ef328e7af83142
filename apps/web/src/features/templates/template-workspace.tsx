import { Alert, Grid, List, Text } from '@mantine/core';
import { type TemplateDefinition, validateTemplateDefinition } from '@ddp/definition';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { errorsByField, placeErrors } from './definition-editing';
import { DefinitionEditor } from './definition-editor';
import { TemplatePreview } from './template-preview';

/** The problems of a definition: the API's (until the next edit) and, once the user tried to save, the browser's own check. */
export function useEditorErrors(definition: TemplateDefinition, serverErrors: Readonly<Record<string, string>>, checkInBrowser: boolean) {
  return useMemo(() => {
    const local = checkInBrowser ? errorsByField(validateTemplateDefinition(definition).errors) : {};
    return placeErrors(definition, { ...serverErrors, ...local });
  }, [definition, serverErrors, checkInBrowser]);
}

/** Whether the definition would pass the API's check. */
export function isValidDefinition(definition: TemplateDefinition): boolean {
  return validateTemplateDefinition(definition).errors.length === 0;
}

/** The editor beside the live preview; problems the editor has no field for are listed above them. */
export function TemplateWorkspace({
  definition,
  onChange,
  errors,
  unplaced,
  readOnly,
}: {
  definition: TemplateDefinition;
  onChange: (d: TemplateDefinition) => void;
  errors: Readonly<Record<string, string>>;
  unplaced: ReadonlyArray<{ field: string; message: string }>;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {unplaced.length > 0 && (
        <Alert color="red" title={t('templates.errors.title')} role="alert">
          <List size="sm">
            {unplaced.map((e) => (
              <List.Item key={`${e.field}:${e.message}`}>
                {e.field ? <Text span ff="monospace">{`${e.field}: `}</Text> : null}
                {e.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <DefinitionEditor definition={definition} onChange={onChange} errors={errors} readOnly={readOnly} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <TemplatePreview definition={definition} />
        </Grid.Col>
      </Grid>
    </>
  );
}
