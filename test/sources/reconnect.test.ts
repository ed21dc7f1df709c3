// Reconnection policy: defaults, validation and the exponential, capped backoff schedule.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { backoffDelay, reconnectPolicy } from '../../src/sources/reconnect.js';

describe('reconnectPolicy', () => {
  it('doubles the delay from 500 ms and caps it at 8 s by default', () => {
    const p = reconnectPolicy();
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => backoffDelay(a, p))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
    expect(p.retries).toBe(5);
  });

  it('follows custom factors and caps', () => {
    const p = reconnectPolicy({ initialDelayMs: 100, factor: 3, maxDelayMs: 1000 });
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, p))).toEqual([100, 300, 900, 1000]);
  });

  it.each([
    [{ retries: -1 }, 'retries'],
    [{ retries: 1.5 }, 'retries'],
    [{ initialDelayMs: -5 }, 'initialDelayMs'],
    [{ initialDelayMs: 100, maxDelayMs: 50 }, 'maxDelayMs'],
    [{ factor: 0.5 }, 'factor'],
    [{ connectTimeoutMs: 0 }, 'connectTimeoutMs'],
  ])('rejects %j naming %s', (options, name) => {
    try {
      reconnectPolicy(options);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).details?.argument).toBe(name);
    }
  });
});
