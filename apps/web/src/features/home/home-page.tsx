import { lazy } from 'react';
import { Navigate } from 'react-router';
import { useCurrentUser } from '../../auth/auth';
import { DueList } from './due-list';

const DashboardPage = lazy(() => import('../dashboard/dashboard-page'));

/** Suppliers start from what they must do; buyers and auditors from their portfolio dashboard; the platform admin from the organisations. */
export default function HomePage() {
  const me = useCurrentUser();
  if (me.organisation.kind === 'platform') return <Navigate to="/organisations" replace />;
  return me.organisation.kind === 'supplier' ? <DueList /> : <DashboardPage />;
}
