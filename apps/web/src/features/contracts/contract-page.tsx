import { Anchor, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { QueryState } from '../../components/states';
import { ContractClause } from './contract-clause';
import { ContractLabels } from './contract-labels';
import { ContractMinerals } from './contract-minerals';
import { ContractOverview } from './contract-overview';
import { ContractSites } from './contract-sites';
import { useContract } from './contract-api';
import { StatusBadge } from './contracts-page';

const TABS = ['overview', 'sites', 'labels', 'clause', 'minerals'] as const;
type Tab = (typeof TABS)[number];

/** One contract: its parties and figures, sites, labels, clause and minerals reports, in tabs. */
export default function ContractPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const query = useContract(id);
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'overview';
  return (
    <QueryState query={query}>
      {(contract) => (
        <Stack>
          <Anchor component={Link} to="/contracts" size="sm">
            {t('contracts.back')}
          </Anchor>
          <Stack gap={4}>
            <Title order={1}>
              {contract.reference} — {contract.title}
            </Title>
            <Group gap="sm">
              <StatusBadge status={contract.status} />
              <Text size="sm">
                {contract.authority.name} · {contract.supplier.name}
              </Text>
            </Group>
          </Stack>
          <Group>
            <Button component={Link} to={`/contracts/${contract.id}/reports`} variant="light">
              {t('contracts.link.reports')}
            </Button>
            <Button component={Link} to={`/contracts/${contract.id}/action-plans`} variant="light">
              {t('contracts.link.plans')}
            </Button>
          </Group>
          <Tabs value={tab} onChange={(v) => setParams(v && v !== 'overview' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
            <Tabs.List>
              {TABS.map((k) => (
                <Tabs.Tab key={k} value={k}>
                  {t(`contracts.tab.${k}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="overview" pt="md">
              <ContractOverview contract={contract} />
            </Tabs.Panel>
            <Tabs.Panel value="sites" pt="md">
              <ContractSites contract={contract} />
            </Tabs.Panel>
            <Tabs.Panel value="labels" pt="md">
              <ContractLabels contract={contract} />
            </Tabs.Panel>
            <Tabs.Panel value="clause" pt="md">
              <ContractClause contract={contract} />
            </Tabs.Panel>
            <Tabs.Panel value="minerals" pt="md">
              <ContractMinerals contract={contract} />
            </Tabs.Panel>
          </Tabs>
        </Stack>
      )}
    </QueryState>
  );
}
