import { Clock, parseSimulatedClock, simulatedClockSetting } from './clock';

describe('Clock', () => {
  afterEach(() => jest.useRealTimers());

  it('is the system time unless frozen', () => {
    const clock = new Clock();
    const before = Date.now();
    const now = clock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
    clock.freeze('2027-03-01T07:00:00Z');
    expect(clock.advance({ days: 1, hours: 2 }).toISOString()).toBe('2027-03-02T09:00:00.000Z');
    clock.release();
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it('runs a simulated time from its start at its rate', () => {
    jest.useFakeTimers({ now: 1_800_000_000_000 });
    const clock = Clock.fromSetting('2027-03-01T00:00:00Z@1800000000000x3600');
    expect(clock.now().toISOString()).toBe('2027-03-01T00:00:00.000Z');
    jest.setSystemTime(1_800_000_000_000 + 24_000); // 24 real seconds: 24 simulated hours
    expect(clock.now().toISOString()).toBe('2027-03-02T00:00:00.000Z');
    clock.freeze('2027-04-01T00:00:00Z'); // a frozen simulated clock stands still, as any other
    jest.setSystemTime(1_800_000_100_000);
    expect(clock.now().toISOString()).toBe('2027-04-01T00:00:00.000Z');
  });

  it('gives the same instant to every clock made from one setting, whenever made', () => {
    jest.useFakeTimers({ now: 1_800_000_005_000 });
    const setting = simulatedClockSetting('2027-03-01T00:00:00Z', 1_800_000_000_000, 60);
    const first = Clock.fromSetting(setting);
    jest.setSystemTime(1_800_000_009_000);
    const second = Clock.fromSetting(setting);
    expect(second.now().toISOString()).toBe(first.now().toISOString());
    expect(first.now().toISOString()).toBe('2027-03-01T00:09:00.000Z');
  });

  it('refuses a malformed setting', () => {
    expect(parseSimulatedClock('2027-03-01T00:00:00Z@1800000000000x1.5')).toEqual({ start: Date.parse('2027-03-01T00:00:00Z'), realStart: 1_800_000_000_000, rate: 1.5 });
    expect(() => parseSimulatedClock('2027-03-01@1800000000000x60')).toThrow(/ISO 8601/);
    expect(() => parseSimulatedClock('2027-13-45T00:00:00Z@1800000000000x60')).toThrow(/ISO 8601/);
    expect(() => parseSimulatedClock('2027-03-01T00:00:00Z@1800000000000x0')).toThrow(/above 0/);
    expect(() => parseSimulatedClock('2027-03-01T00:00:00Z x60')).toThrow(/must be/);
  });
});
