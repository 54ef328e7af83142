import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../api/client';
import i18n from '../../i18n/i18n';
import { assessmentSummary, buyer, ok, renderAt } from '../review/test-utils';
import AssessmentsPage from './assessments-page';

vi.mock('../../api/client', () => ({ api: { GET: vi.fn() } }));
vi.mock('../../auth/auth', () => ({ useCurrentUser: () => buyer }));

const GET = vi.mocked(api.GET);

const summary = assessmentSummary;

describe('AssessmentsPage', () => {
  beforeEach(() => {
    GET.mockReset();
    GET.mockResolvedValue(ok({ items: [summary({}), summary({ id: 'a2', access: 'shared', contract: null, authority: null })], nextCursor: null }) as never);
  });

  it.each([
    ['en', 'Shared by Laptop Solutions NV', 'Not disclosed'],
    ['fr', 'Partagée par Laptop Solutions NV', 'Non communiqué'],
    ['nl', 'Gedeeld door Laptop Solutions NV', 'Niet meegedeeld'],
  ])('(%s) shows a shared assessment as shared by its supplier, with no buyer nor contract', async (language, sharedBy, withheld) => {
    await i18n.changeLanguage(language);
    renderAt(<AssessmentsPage />, '/assessments', '/assessments');
    const shared = (await screen.findByRole('link', { name: sharedBy })).closest('tr')!;
    expect(within(shared).getByText(withheld)).toBeInTheDocument();
    expect(within(shared).queryByText('Stad Gent')).not.toBeInTheDocument();
    const own = screen.getByRole('link', { name: 'GENT-ICT-2027-001' }).closest('tr')!;
    expect(within(own).getByText('Stad Gent')).toBeInTheDocument();
    await i18n.changeLanguage('en');
  });
});
