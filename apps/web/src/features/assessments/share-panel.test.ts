import { describe, expect, it } from 'vitest';
import { buyersToShareWith } from './share-panel';

describe('buyersToShareWith', () => {
  const contract = (id: string, authority: { id: string; name: string }, isFramework = false) => ({ id, authority, isFramework });
  const issuer = { id: 'a-issuer', name: 'Stad Gent' };
  const other = { id: 'a-other', name: 'Ville de Liège' };
  const purchasingBody = { id: 'a-cpb', name: 'Aankoopcentrale' };
  const participant = { id: 'a-part', name: 'Université de Namur' };

  it('offers each other buyer once: the authorities of the supplier’s contracts and those buying under its framework agreements, by name', () => {
    const contracts = [contract('c-1', issuer), contract('c-2', other), contract('c-3', other), contract('c-4', purchasingBody, true)];
    expect(buyersToShareWith(contracts, [participant, other], [issuer.id])).toEqual([purchasingBody, participant, other]);
  });

  it('leaves out the issuer and the buyers it is already shared with', () => {
    const contracts = [contract('c-1', issuer), contract('c-4', purchasingBody, true)];
    expect(buyersToShareWith(contracts, [participant], [issuer.id, participant.id])).toEqual([purchasingBody]);
    expect(buyersToShareWith([contract('c-1', issuer)], [], [issuer.id])).toEqual([]);
  });
});
