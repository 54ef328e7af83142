import { DomainException } from '@ddp/core';

export type DecisionOutcome = 'applied' | 'reduced' | 'waived';

/**
 * The amount a buyer's decision enters in the ledger: `applied` takes the computed amount as it
 * is, `reduced` an amount strictly between 0 and it, `waived` nothing. Anything else is a 400
 * naming `amountCents`.
 */
export function decidedAmount(outcome: DecisionOutcome, amountCents: number | undefined, computed: number): number {
  const field = 'amountCents';
  switch (outcome) {
    case 'applied':
      if (amountCents !== undefined && amountCents !== computed) {
        throw DomainException.validation([{ field, message: `amountCents must be the computed amount (${computed}) when applied; decide "reduced" for less` }]);
      }
      return computed;
    case 'reduced':
      if (amountCents === undefined || amountCents <= 0 || amountCents >= computed) {
        throw DomainException.validation([{ field, message: `amountCents must be above 0 and below the computed amount (${computed}) when reduced` }]);
      }
      return amountCents;
    case 'waived':
      if (amountCents !== undefined && amountCents !== 0) throw DomainException.validation([{ field, message: 'amountCents must be 0 or left out when waived' }]);
      return 0;
  }
}
