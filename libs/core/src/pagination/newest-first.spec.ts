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
