import { describe, expect, it } from 'vitest';
import { balancedProbe, groupSplit } from '../../src/training/balanced-probe.js';
import { parseCsvRows } from '../../src/training/ludb-rhythm.js';

describe('balancedProbe', () => {
  // 3 classes, 8 groups of 30 rows; class 0 is 80 % of the rows.
  const labels = Array.from({ length: 240 }, (_, i) => (i % 10 < 8 ? 0 : i % 10 === 8 ? 1 : 2));
  const groups = Array.from({ length: 240 }, (_, i) => Math.floor(i / 30));

  it('scores separable features 1 and uninformative ones at chance, whatever the class sizes', () => {
    const onehot = new Float32Array(240 * 3);
    labels.forEach((c, i) => (onehot[i * 3 + c] = 1));
    expect(balancedProbe(onehot, 3, labels, groups, 3)).toBe(1);
    // Noise features: plain accuracy would be about 0.8 (always class 0); balanced is about 1/3.
    let s = 7;
    const noise = Float32Array.from({ length: 240 * 3 }, () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5);
    expect(balancedProbe(noise, 3, labels, groups, 3)).toBeLessThan(0.6);
  });

  it('fits on even groups and scores the odd ones; one group alternates rows', () => {
    expect(Array.from(groupSplit([0, 1, 2, 3]))).toEqual([1, 0, 1, 0]);
    expect(Array.from(groupSplit([5, 5, 5, 5]))).toEqual([0, 1, 0, 1]);
  });
});

describe('parseCsvRows', () => {
  it('keeps commas and newlines inside quoted fields', () => {
    expect(parseCsvRows('ID,Rhythms\n1,"Sinus rhythm\n",x\r\n2,"a, b"')).toEqual([
      ['ID', 'Rhythms'],
      ['1', 'Sinus rhythm', 'x'],
      ['2', 'a, b'],
    ]);
  });
});
