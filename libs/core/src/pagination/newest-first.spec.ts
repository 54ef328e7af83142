import { encodeCursor } from './cursor';
import { NewestFirst } from './newest-first';

describe('NewestFirst', () => {
  it('numbers the parameters after the given ones, leaves out filters without a value, and pages by keyset', () => {
    const list = new NewestFirst('r.created_at', 'r.id', ['org'])
      .where('r.org = $1')
      .filter('r.status = ?', 'open')
      .filter('r.contract_id = ?::uuid', undefined)
      .filter('(r.a ILIKE ? OR r.b ILIKE ?)', '%x%');
    const cursor = encodeCursor(['2026-11-29T10:00:00.123456Z', '0b6f1f6e-3c1d-4c55-9a0e-5f1e2d3c4b5a']);
    expect(list.tail(cursor, 20)).toBe(
      'WHERE r.org = $1 AND r.status = $2 AND (r.a ILIKE $3 OR r.b ILIKE $3) AND (r.created_at, r.id) < ($4::timestamptz, $5::uuid) ORDER BY r.created_at DESC, r.id DESC LIMIT $6',
    );
    expect(list.params).toEqual(['org', 'open', '%x%', '2026-11-29T10:00:00.123456Z', '0b6f1f6e-3c1d-4c55-9a0e-5f1e2d3c4b5a', 21]);
  });

  it('refuses a cursor it did not make, naming `after`', () => {
    expect(() => new NewestFirst('c', 'i').tail('bm90IGEgY3Vyc29y', 5)).toThrow('after: is not a cursor returned by this list');
  });

  it('answers the page and the cursor of its last row', () => {
    const rows = [1, 2, 3].map((n) => ({ id: `id${n}`, cursor_at: `at${n}`, n }));
    const page = new NewestFirst('c', 'i').page(rows, 2, (r) => r.n);
    expect(page.items).toEqual([1, 2]);
    expect(page.nextCursor).toBe(encodeCursor(['at2', 'id2']));
  });
});

describe('NewestFirst.keysSql (a visibility rule split into branches)', () => {
  const branches = [
    { from: 'assessments a', where: 'a.supplier_id = $1' },
    { from: 'contracts c JOIN assessments a ON a.contract_id = c.id', where: 'c.authority_id = $1' },
  ];

  it('puts the filters, the cursor and limit + 1 in every branch, then keeps the first limit + 1 of their union', () => {
    const list = new NewestFirst('a.issued_at', 'a.id', ['org']).filter('a.status = ?', 'submitted').filter('a.contract_id = ?::uuid', undefined);
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

  it('merges disjoint branches with UNION ALL', () => {
    expect(new NewestFirst('a.issued_at', 'a.id', ['org']).keysSql(branches, undefined, 5, { disjoint: true })).toContain(') UNION ALL (');
  });
});
