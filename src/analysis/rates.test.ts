import { describe, expect, it } from 'vitest';
import { clientPeakRate, clientRateAt, retryAttemptsPerCall } from './rates.ts';

const close = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));

describe('retryAttemptsPerCall', () => {
  it('p = 0.5, n = 3 gives 1 + 0.5 + 0.25 = 1.75', () => close(retryAttemptsPerCall(0.5, 3), 1.75));
  it('p = 0.01, n = 3 gives (1 − 10⁻⁶)/0.99', () => close(retryAttemptsPerCall(0.01, 3), 0.999999 / 0.99));
  it('always failing makes every attempt', () => expect(retryAttemptsPerCall(1, 4)).toBe(4));
  it('no retries or no errors make one attempt', () => {
    expect(retryAttemptsPerCall(0.5, 1)).toBe(1);
    expect(retryAttemptsPerCall(0, 5)).toBe(1);
  });
});

describe('clientRateAt', () => {
  const schedule = [
    { atS: 30, rateRps: 100, shape: 'ramp' as const },
    { atS: 10, rateRps: 500, shape: 'step' as const },
  ];
  it('holds the base rate before the first point', () => expect(clientRateAt(100, schedule, 5)).toBe(100));
  it('jumps at a step point (inclusive)', () => expect(clientRateAt(100, schedule, 10)).toBe(500));
  it('ramps linearly from the previous point: 500 → 100 over 10..30 s is 300 at 20 s', () => close(clientRateAt(100, schedule, 20), 300));
  it('holds the last rate afterwards', () => expect(clientRateAt(100, schedule, 40)).toBe(100));
  it('a first ramp starts from the base rate at t = 0: 100 → 300 over 0..10 s is 200 at 5 s', () =>
    close(clientRateAt(100, [{ atS: 10, rateRps: 300, shape: 'ramp' }], 5), 200));
});

describe('clientPeakRate', () => {
  it('finds the step peak and when it starts', () =>
    expect(
      clientPeakRate(
        100,
        [
          { atS: 10, rateRps: 500, shape: 'step' },
          { atS: 20, rateRps: 50, shape: 'step' },
        ],
        60,
      ),
    ).toEqual({ rps: 500, atS: 10 }));
  it('cuts a ramp at the end of the scenario: 0 → 1000 over 100 s is 600 at 60 s', () =>
    expect(clientPeakRate(0, [{ atS: 100, rateRps: 1000, shape: 'ramp' }], 60)).toEqual({ rps: 600, atS: 60 }));
  it('ignores points after the scenario ends', () =>
    expect(clientPeakRate(100, [{ atS: 90, rateRps: 900, shape: 'step' }], 60)).toEqual({ rps: 100, atS: 0 }));
});
