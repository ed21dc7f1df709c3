import { NEVER, range } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { boundedBuffer } from '../../src/streams/bounded-buffer.js';
import { scheduler } from './helpers.js';

describe('boundedBuffer', () => {
  it.each([
    ['drop-oldest', '---A--C--(D|)', [1]],
    ['drop-newest', '---A--B--(D|)', [1]],
  ] as const)('%s: a slow step never has more than capacity items waiting', (policy, expected, drops) => {
    const dropped: number[] = [];
    scheduler().run(({ cold, expectObservable }) => {
      const step = (x: string) => cold('---(y|)', { y: x.toUpperCase() });
      const out = cold('abc-d---|').pipe(boundedBuffer(step, { capacity: 1, policy, dropped: { next: (n) => dropped.push(n) } }));
      expectObservable(out).toBe(expected);
    });
    expect(dropped).toEqual(drops);
  });

  it("'error' errors the stream with E_OVERFLOW", () => {
    scheduler().run(({ cold, expectObservable }) => {
      const out = cold('abc').pipe(boundedBuffer((x: string) => cold('---(y|)', { y: x }), { capacity: 1, policy: 'error' }));
      expectObservable(out).toBe(
        '--#',
        undefined,
        new InputError('E_OVERFLOW', 'boundedBuffer: more than 1 items waiting', { details: { capacity: 1 } }),
      );
    });
  });

  it('processes what waits when the source completes, then completes', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('ab|').pipe(boundedBuffer((x: string) => cold('---(y|)', { y: x.toUpperCase() }), { capacity: 4 }))).toBe(
        '---A--(B|)',
      );
    });
  });

  it('passes errors of the source and of the step through at once', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('a-#').pipe(boundedBuffer((x: string) => cold('---(y|)', { y: x }), { capacity: 4 }))).toBe('--#');
      expectObservable(cold('a---').pipe(boundedBuffer(() => cold('-#'), { capacity: 4 }))).toBe('-#');
    });
  });

  it('cancels the running step and the source on unsubscribe', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('ab---');
      const steps = [cold('---(y|)', { y: 'A' }), cold('---(y|)', { y: 'B' })];
      let k = 0;
      expectObservable(source.pipe(boundedBuffer(() => steps[k++]!, { capacity: 4 })), '^----!').toBe('---A-');
      expectSubscriptions(source.subscriptions).toBe('^----!');
      expectSubscriptions(steps[1]!.subscriptions).toBe('---^-!');
    });
  });

  it('keeps memory bounded under a synchronous flood and counts every drop', () => {
    let last = 0;
    const seen: number[] = [];
    range(0, 10_000)
      .pipe(boundedBuffer((i: number) => (i === 0 ? NEVER : [i]), { capacity: 8, dropped: { next: (n) => (last = n) } }))
      .subscribe((v) => seen.push(v));
    expect(last).toBe(10_000 - 1 - 8);
    expect(seen).toEqual([]);
  });

  it('runs synchronous steps straight through without dropping', () => {
    const seen: number[] = [];
    range(0, 100)
      .pipe(boundedBuffer((i: number) => [i * 2], { capacity: 1, policy: 'error' }))
      .subscribe((v) => seen.push(v));
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => i * 2));
  });

  it('rejects bad options at call', () => {
    expect(() => boundedBuffer((x) => [x], { capacity: 0 })).toThrow(/capacity/);
    expect(() => boundedBuffer((x) => [x], { capacity: 2, policy: 'drop-all' as 'error' })).toThrow(/policy/);
  });
});
