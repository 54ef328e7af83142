import { withTimeouts } from './mail-transport';

describe('withTimeouts', () => {
  it('adds SMTP timeouts below the outbox claim, keeping credentials and the URL’s own settings', () => {
    const url = new URL(withTimeouts('smtps://mailer:p%40ss@smtp.example:465?socketTimeout=5000'));
    expect(url.username).toBe('mailer');
    expect(url.password).toBe('p%40ss');
    expect(url.searchParams.get('socketTimeout')).toBe('5000');
    expect(Number(url.searchParams.get('connectionTimeout'))).toBeLessThan(300_000);
    expect(Number(url.searchParams.get('greetingTimeout'))).toBeLessThan(300_000);
  });
});
