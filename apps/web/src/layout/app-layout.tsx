import { AppShell, Burger, Button, Group, NavLink, NativeSelect, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, Outlet, useLocation } from 'react-router';
import type { OrganisationKind } from '../api/client';
import { session } from '../api/session';
import { useCurrentUser } from '../auth/auth';
import { Loading } from '../components/states';
import { chooseLanguage, isLanguage, LANGUAGE_NAMES, LANGUAGES } from '../i18n/i18n';

interface NavItem {
  to: string;
  label: string;
}

/** The menu of each kind of organisation (what its users may reach; the API decides the rest). */
export function navigation(kind: OrganisationKind): NavItem[] {
  const org: NavItem[] = [{ to: '/organisation', label: 'nav.organisation' }];
  switch (kind) {
    case 'supplier':
      return [
        { to: '/', label: 'nav.home' },
        { to: '/assessments', label: 'nav.assessments' },
        { to: '/contracts', label: 'nav.contracts' },
        { to: '/action-plans', label: 'nav.plans' },
        { to: '/reports', label: 'nav.reports' },
        { to: '/defaults', label: 'nav.defaults' },
        ...org,
      ];
    case 'contracting_authority':
    case 'audit_body': {
      // Buyers and auditors follow the same records; only buyers author templates.
      const templates: NavItem[] = kind === 'contracting_authority' ? [{ to: '/templates', label: 'nav.templates' }] : [];
      return [
        { to: '/', label: 'nav.dashboard' },
        { to: '/contracts', label: 'nav.contracts' },
        ...templates,
        { to: '/assessments', label: 'nav.assessments' },
        { to: '/findings', label: 'nav.findings' },
        { to: '/action-plans', label: 'nav.plans' },
        { to: '/reports', label: 'nav.reports' },
        { to: '/defaults', label: 'nav.defaults' },
        { to: '/exports', label: 'nav.exports' },
        { to: '/smelters', label: 'nav.smelters' },
        ...org,
      ];
    }
    case 'platform':
      // The operator registers organisations (and invites their first admin) and keeps the reference templates.
      return [
        { to: '/organisations', label: 'nav.organisations' },
        { to: '/templates', label: 'nav.templates' },
        ...org,
      ];
  }
}

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const items = navigation(me.organisation.kind);
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className="skip-link">
        {t('app.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('app.menu')} />
            <Text fw={700} component={RouterLink} to="/" c="inherit" td="none">
              {t('app.name')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="sm">
              {me.name} · {me.organisation.name}
            </Text>
            <NativeSelect
              aria-label={t('app.language')}
              size="xs"
              value={i18n.language}
              data={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
              onChange={(e) => isLanguage(e.currentTarget.value) && void chooseLanguage(e.currentTarget.value)}
            />
            <Button size="xs" variant="default" onClick={() => void session.logout()}>
              {t('app.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('app.menu')} component="nav">
        <VisuallyHidden component="h2">{t('app.menu')}</VisuallyHidden>
        {items.map((item) => (
          <NavLink
            key={item.to}
            component={RouterLink}
            to={item.to}
            label={t(item.label)}
            active={item.to === '/' ? location.pathname === '/' : location.pathname.startsWith(item.to)}
            variant="filled"
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
