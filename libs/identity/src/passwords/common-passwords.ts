/**
 * Passwords of 12+ characters that top the public breach lists; refused whatever their length.
 * A short list by design: the length rule does most of the work (NIST SP 800-63B §5.1.1.2).
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789012345', '1234567890qwerty',
  'qwertyuiopasdf', 'qwertyuiop123', 'qwerty123456', 'qwerty1234567', '1q2w3e4r5t6y', '1q2w3e4r5t6y7u',
  'q1w2e3r4t5y6', 'zaq12wsxcde3', '1qaz2wsx3edc', '1qaz2wsx3edc4rfv', 'qazwsxedcrfv', 'password1234',
  'password12345', 'password123456', 'passwordpassword', 'password!234', 'p@ssw0rd1234', 'passw0rd1234',
  'administrator', 'administrator1', 'admin1234567', 'adminadminadmin', 'iloveyou1234', 'letmein12345',
  'welcome12345', 'welcome123456', 'welkom123456', 'bienvenue123', 'motdepasse123', 'wachtwoord123',
  'wachtwoord1234', 'changeme1234', 'changeme12345', 'abcdefghijkl', 'abcdefgh1234', 'abc123456789',
  'aaaaaaaaaaaa', '111111111111', '000000000000', '987654321098', 'football1234', 'baseball1234',
  'sunshine1234', 'princess1234', 'superman1234', 'trustno11234', 'dragon123456', 'monkey123456',
  'starwars1234', 'whatever1234', 'computer1234', 'internet1234', 'azertyuiop12', 'azerty123456',
  'azertyuiopqs', 'correcthorsebatterystaple', 'qwertyqwerty', 'asdfghjkl123', 'asdfasdfasdf',
  'zxcvbnm12345', 'michael12345', 'jennifer1234', 'summer202020', 'winter202020', 'spring202020',
  'autumn202020', 'january12345', 'belgium12345', 'brussels1234', 'bruxelles123',
]);
