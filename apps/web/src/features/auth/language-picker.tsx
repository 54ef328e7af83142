import { Group, NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, isLanguage, LANGUAGE_NAMES, LANGUAGES } from '../../i18n/i18n';

/** The language choice of the pages shown before login. */
export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  return (
    <Group justify="flex-end" mb="md">
      <NativeSelect
        aria-label={t('app.language')}
        size="xs"
        value={i18n.language}
        data={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
        onChange={(e) => isLanguage(e.currentTarget.value) && void chooseLanguage(e.currentTarget.value)}
      />
    </Group>
  );
}
