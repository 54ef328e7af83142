import { lazy } from 'react';
import { useCurrentUser } from '../../auth/auth';
import { DueList } from './due-list';

const DashboardPage = lazy(() => import('../dashboard/dashboard-page'));

/** Suppliers start from what they must do; buyers and auditors from their portfolio dashboard. */
export default function HomePage() {
  const me = useCurrentUser();
  return me.organisation.kind === 'supplier' ? <DueList /> : me.organisation.kind === 'platform' ? <DueList /> : <DashboardPage />;
}
