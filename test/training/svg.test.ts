import { describe, expect, it } from 'vitest';
import { barChart, escapeXml, heatmap, lineChart, niceStep } from '../../src/training/svg.js';

/** Checks that every tag is closed in order (a minimal well-formedness test). */
function balanced(svg: string): boolean {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]!);
  }
  return stack.length === 0;
}
const points = (svg: string) =>
  [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((m) => m[1]!.split(' ').map((p) => p.split(',').map(Number) as [number, number]));

describe('lineChart', () => {
  const frame = { title: 'Similarity <vs> shift & more', xLabel: 'shift', yLabel: 'cos' };
  it('maps data to the plot area: x range to [60, 490], y range to [314, 34]', () => {
    const svg = lineChart(
      frame,
      [
        { name: 'a', x: [0, 0.5, 1], y: [1, 0.5, 0] },
        { name: 'b', x: [0, 1], y: [0.25, 0.75], low: [0, 0.5] },
      ],
      [0, 1],
    );
    const [a, b] = points(svg);
    expect(a).toEqual([
      [60, 34],
      [275, 174],
      [490, 314],
    ]);
    expect(b![0]).toEqual([60, 244]);
    expect(svg.match(/<polygon/g)).toHaveLength(1);
    expect(balanced(svg)).toBe(true);
    expect(svg).toContain('Similarity &lt;vs&gt; shift &amp; more');
    expect(svg).not.toContain('<vs>');
  });
});

describe('heatmap', () => {
  it('draws one labelled cell per value', () => {
    const svg = heatmap({ title: 'Confusion', xLabel: 'predicted', yLabel: 'true' }, ['A', 'B'], ['A', 'B', 'C'], [5, 1, 0, 2, 7, 3]);
    expect(svg.match(/<rect x=/g)).toHaveLength(6);
    for (const v of ['>5<', '>7<', '>3<']) expect(svg).toContain(v);
    expect(balanced(svg)).toBe(true);
  });
});

describe('barChart', () => {
  it('draws bars with heights proportional to the values', () => {
    const svg = barChart({ title: 'h', xLabel: 'x', yLabel: 'y' }, ['0', '1'], [{ name: 's', values: [10, 40] }]);
    const heights = [...svg.matchAll(/<rect class="bar" x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)"/g)].map((m) => Number(m[1]));
    expect(heights).toHaveLength(2);
    expect(heights[1]! / heights[0]!).toBeCloseTo(4, 1);
    expect(balanced(svg)).toBe(true);
  });
});

describe('helpers', () => {
  it('rounds tick steps to 1, 2 or 5 × 10^k and escapes XML', () => {
    expect(niceStep(1)).toBeCloseTo(0.2, 12);
    expect(niceStep(100)).toBe(20);
    expect(niceStep(0.7)).toBeCloseTo(0.1, 12);
    expect(niceStep(40)).toBe(10);
    expect(escapeXml('a<b>"&')).toBe('a&lt;b&gt;&quot;&amp;');
  });
});
