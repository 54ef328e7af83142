import { Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { TemplateLanguage, Translated } from '@ddp/definition';
import { LANGUAGE_NAMES } from '../../i18n/i18n';

/** One input per language of the template; errors by field (`title.fr`, or `title` for the whole text). */
export function TranslatedInput({
  label,
  path,
  value,
  languages,
  errors,
  onChange,
  multiline = false,
  required = false,
}: {
  label: string;
  path: string;
  value: Translated | undefined;
  languages: readonly TemplateLanguage[];
  errors: Readonly<Record<string, string>>;
  onChange: (language: TemplateLanguage, value: string) => void;
  multiline?: boolean;
  required?: boolean;
}) {
  return (
    <Stack gap={4}>
      {languages.map((lang) => {
        const common = {
          label: `${label} (${LANGUAGE_NAMES[lang]})`,
          lang,
          required,
          value: value?.[lang] ?? '',
          error: errors[`${path}.${lang}`],
        };
        return multiline ? (
          <Textarea key={lang} {...common} autosize minRows={2} onChange={(e) => onChange(lang, e.currentTarget.value)} />
        ) : (
          <TextInput key={lang} {...common} onChange={(e) => onChange(lang, e.currentTarget.value)} />
        );
      })}
      <FieldError message={errors[path]} />
    </Stack>
  );
}

/** An error about a group of inputs (a list, an object), shown where the group is. */
export function FieldError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <Text size="sm" c="red.8">
      {message}
    </Text>
  );
}
