import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Portfolio } from './portfolio';

/** The buyer's and auditor's portfolio: overall figures (first page) and the contracts, page by page. */
export default function DashboardPage() {
  const { t } = useTranslation();
  return <Portfolio header={() => <Title order={1}>{t('nav.dashboard')}</Title>} />;
}
