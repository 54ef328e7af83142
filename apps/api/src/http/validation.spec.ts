import { malformedStringAt, nestsDeeperThan, unsafeInput } from './validation';

describe('input unsafe to validate', () => {
  it('finds a lone surrogate in a value or a key, and names its path', () => {
    expect(malformedStringAt({ email: '\ud800' }, 'body')).toBe('email');
    expect(malformedStringAt({ actions: [{ title: 'ok' }, { title: 'a\udc00b' }] }, 'body')).toBe('actions.1.title');
    expect(malformedStringAt({ ['\ud800']: 1 }, 'body')).toBe('\ud800');
    expect(malformedStringAt('\udfff', 'query')).toBe('query');
  });

  it('accepts paired surrogates (emoji, CJK extension B) and ordinary text', () => {
    expect(malformedStringAt({ name: 'Gent 🌷 𠀀', note: 'Liège – ç' }, 'body')).toBeUndefined();
    expect(unsafeInput({ a: [1, { b: 'x' }] }, 'body')).toBeUndefined();
  });

  it('refuses nesting deeper than the validators can walk', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = { a: deep };
    expect(nestsDeeperThan(deep)).toBe(true);
    expect(unsafeInput(deep, 'body')).toEqual({ field: 'body', message: 'body is nested more than 64 levels deep' });
    expect(unsafeInput({ email: '\ud800' }, 'body')).toEqual({ field: 'email', message: 'email is not well-formed Unicode (a lone surrogate)' });
  });
});
