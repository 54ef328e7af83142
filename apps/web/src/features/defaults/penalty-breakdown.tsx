import { Badge, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { formatDate, formatMoney, formatNumber } from '../../lib/format';
import type { PenaltyProposal } from './types';

export type PenaltyTerms = Schemas['PenaltiesDto'];

const percent = (basisPoints: number) => formatNumber(basisPoints / 10_000, { style: 'percent', maximumFractionDigits: 2 });

/**
 * Every step of the penalty the API computed (RD 14 Jan 2013 art. 44-45 as the clause sets it):
 * the amount per default, the amount per day from the remedy deadline until remedied with its cap,
 * the contract's cumulative cap, and the total. The clause's rule is shown beside it when known.
 */
export function PenaltyBreakdown({ proposal, terms }: { proposal: PenaltyProposal; terms?: PenaltyTerms }) {
  const { t } = useTranslation();
  const money = (cents: number) => formatMoney(cents, proposal.currency);
  const limited = (limit: string) =>
    proposal.limitedBy.includes(limit as PenaltyProposal['limitedBy'][number]) ? (
      <Badge ml="xs" variant="outline" color="orange.9" radius="sm">
        {t(`defaults.limit.${limit}`)}
      </Badge>
    ) : null;

  const perDefaultRule = terms?.perDefault
    ? terms.perDefault.kind === 'fixed'
      ? t('defaults.calc.fixedRule', { amount: money(terms.perDefault.amountCents ?? 0) })
      : t('defaults.calc.percentRule', { percent: percent(terms.perDefault.basisPoints ?? 0), value: money(proposal.contractValueCents) })
    : null;
  const perDayRule = terms?.perDay ? t('defaults.calc.perDayRule', { amount: money(terms.perDay.amountCents), days: proposal.daysCounted }) : null;
  const subtotal = proposal.perDefaultCents + proposal.perDayCents;

  return (
    <Table withTableBorder variant="vertical" maw={760}>
      <Table.Caption>{t('defaults.calc.caption', { date: formatDate(proposal.asOf) })}</Table.Caption>
      <Table.Tbody>
        <Step label={t('defaults.calc.contractValue')} amount={money(proposal.contractValueCents)} />
        <Step label={t('defaults.calc.perDefault')} note={perDefaultRule} amount={money(proposal.perDefaultCents)} extra={<>{limited('minimum')}{limited('maximum')}</>} />
        <Step
          label={t('defaults.calc.days')}
          note={t('defaults.calc.daysNote', {
            deadline: formatDate(proposal.remedyDeadline),
            until: proposal.remediedOn ? t('defaults.calc.remediedOn', { date: formatDate(proposal.remediedOn) }) : t('defaults.calc.notRemedied', { date: formatDate(proposal.asOf) }),
          })}
          amount={t('defaults.calc.daysValue', { count: proposal.daysCounted })}
        />
        <Step label={t('defaults.calc.perDay')} note={perDayRule} amount={money(proposal.perDayCents)} extra={limited('per_day_cap')} />
        {proposal.perDayCapCents !== null && <Step label={t('defaults.calc.perDayCap')} amount={money(proposal.perDayCapCents)} />}
        <Step label={t('defaults.calc.subtotal')} amount={money(subtotal)} />
        {proposal.cumulativeCapCents !== null && <Step label={t('defaults.calc.cumulativeCap')} amount={money(proposal.cumulativeCapCents)} />}
        {proposal.remainingUnderCapCents !== null && <Step label={t('defaults.calc.remaining')} amount={money(proposal.remainingUnderCapCents)} extra={limited('cumulative_cap')} />}
        <Table.Tr>
          <Table.Th scope="row">{t('defaults.calc.total')}</Table.Th>
          <Table.Td>
            <Text fw={700} data-testid="computed-penalty">
              {money(proposal.amountCents)}
            </Text>
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

function Step({ label, note, amount, extra }: { label: string; note?: string | null; amount: string; extra?: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={400}>
        {label}
        {note && (
          <Text size="sm" c="dimmed">
            {note}
          </Text>
        )}
      </Table.Th>
      <Table.Td>
        {amount}
        {extra}
      </Table.Td>
    </Table.Tr>
  );
}
