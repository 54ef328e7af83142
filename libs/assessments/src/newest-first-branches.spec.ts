import { encodeCursor } from '@ddp/core';
import { NewestFirstBranches } from './newest-first-branches';

describe('NewestFirstBranches', () => {
  const branches = [
    { from: 'assessments a', where: 'a.supplier_id = $1' },
    { from: 'contracts c JOIN assessments a ON a.contract_id = c.id', where: 'c.authority_id = $1' },
  ];

  it('puts the filters, the cursor and limit + 1 in every branch, then keeps the first limit + 1 of their union', () => {
    const list = new NewestFirstBranches('a.issued_at', 'a.id', ['org']).filter('a.status = ?', 'submitted').filter('a.contract_id = ?::uuid', undefined);
    const cursor = encodeCursor(['2026-11-29T10:00:00.123456Z', '0b6f1f6e-3c1d-4c55-9a0e-5f1e2d3c4b5a']);
    const tail = 'AND a.status = $2 AND (a.issued_at, a.id) < ($3::timestamptz, $4::uuid) ORDER BY a.issued_at DESC, a.id DESC LIMIT $5';
    expect(list.keysSql(branches, cursor, 20)).toBe(
      'SELECT id, sort_at FROM (' +
        `(SELECT a.id AS id, a.issued_at AS sort_at FROM assessments a WHERE a.supplier_id = $1 ${tail}) UNION ` +
        `(SELECT a.id AS id, a.issued_at AS sort_at FROM contracts c JOIN assessments a ON a.contract_id = c.id WHERE c.authority_id = $1 ${tail})` +
        ') branch ORDER BY sort_at DESC, id DESC LIMIT $5',
    );
    expect(list.params).toEqual(['org', 'submitted', '2026-11-29T10:00:00.123456Z', '0b6f1f6e-3c1d-4c55-9a0e-5f1e2d3c4b5a', 21]);
    expect(list.orderBy).toBe('ORDER BY a.issued_at DESC, a.id DESC');
  });

  it('refuses a cursor it did not make, naming `after`', () => {
    expect(() => new NewestFirstBranches('c', 'i').keysSql(branches, 'bm90IGEgY3Vyc29y', 5)).toThrow('after: is not a cursor returned by this list');
  });

  it('answers the page and the cursor of its last row', () => {
    const rows = [1, 2, 3].map((n) => ({ id: `id${n}`, cursor_at: `at${n}`, n }));
    const page = new NewestFirstBranches('c', 'i').page(rows, 2, (r) => r.n);
    expect(page.items).toEqual([1, 2]);
    expect(page.nextCursor).toBe(encodeCursor(['at2', 'id2']));
  });
});
