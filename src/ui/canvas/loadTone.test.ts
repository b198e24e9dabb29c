import { describe, expect, it } from 'vitest';
import { formatRate, formatRho, loadTone } from './loadTone.ts';

describe('loadTone', () => {
  it('bands utilization: green below 0.7, amber to 1, red at and above 1', () => {
    expect(loadTone(0)).toBe('ok');
    expect(loadTone(0.69)).toBe('ok');
    expect(loadTone(0.7)).toBe('busy');
    expect(loadTone(0.999)).toBe('busy');
    expect(loadTone(1)).toBe('over');
    expect(loadTone(Infinity)).toBe('over');
    expect(loadTone(null)).toBe('none');
  });
  it('formats rates and utilization for the cards', () => {
    expect(formatRate(2000)).toBe('2,000/s');
    expect(formatRate(0.25)).toBe('0.25/s');
    expect(formatRate(12_345_678)).toBe('12.3M/s');
    expect(formatRho(1.2468)).toBe('1.25');
    expect(formatRho(Infinity)).toBe('∞');
  });
});
