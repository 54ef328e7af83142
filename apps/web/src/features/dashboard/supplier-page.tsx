import { Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Portfolio } from './portfolio';

/**
 * The drill-down to one supplier: the dashboard's figures over the contracts the user sees with
 * that supplier. A supplier with none of them is not found, as a missing one (the API answers
 * empty figures for both).
 */
export default function SupplierPage() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  return (
    <Portfolio
      key={id}
      supplierId={id}
      header={(first) => {
        const supplier = first.contracts[0]?.supplier;
        if (!supplier) return null;
        return (
          <div>
            <Title order={1}>{supplier.name}</Title>
            <Text c="dimmed">{t('dashboard.supplier.caption')}</Text>
          </div>
        );
      }}
    />
  );
}
