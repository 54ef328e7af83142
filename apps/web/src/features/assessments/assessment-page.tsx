import { lazy, Suspense } from 'react';
import { useCurrentUser } from '../../auth/auth';
import { Loading } from '../../components/states';

const QuestionnairePage = lazy(() => import('./questionnaire-page'));
const AssessmentReviewPage = lazy(() => import('../review/assessment-review-page'));

/** /assessments/:id — the supplier answers the questionnaire; everyone else reviews or reads it. */
export default function AssessmentPage() {
  const me = useCurrentUser();
  return <Suspense fallback={<Loading />}>{me.organisation.kind === 'supplier' ? <QuestionnairePage /> : <AssessmentReviewPage />}</Suspense>;
}
