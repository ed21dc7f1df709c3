import { expose, wrap } from 'comlink';
import { describe, expect, it } from 'vitest';
import { InputError, SdkError } from '../../src/errors.js';
import { installErrorTransfer } from '../../src/core/error-transfer.js';

describe('installErrorTransfer', () => {
  it('keeps SdkError subclasses, codes and details across comlink; other errors stay plain', async () => {
    installErrorTransfer();
    installErrorTransfer(); // idempotent
    const { port1, port2 } = new MessageChannel();
    expose(
      {
        bad: () => {
          throw new InputError('E_RATE', 'rate 0 Hz', { details: { rate: 0 } });
        },
        broken: () => {
          throw new TypeError('boom');
        },
        odd: () => {
          // eslint-disable-next-line @typescript-eslint/only-throw-error -- a thrown non-error is the case under test
          throw 42;
        },
      },
      port1,
    );
    const remote = wrap<{ bad(): void; broken(): void; odd(): void }>(port2);
    const err = await remote.bad().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err).toBeInstanceOf(SdkError);
    expect([(err as InputError).code, (err as InputError).message, (err as InputError).details]).toEqual([
      'E_RATE',
      'rate 0 Hz',
      { rate: 0 },
    ]);
    const other = await remote.broken().catch((e: unknown) => e);
    expect(other).not.toBeInstanceOf(SdkError);
    expect([(other as Error).name, (other as Error).message]).toEqual(['TypeError', 'boom']);
    expect(await remote.odd().catch((e: unknown) => e)).toBe(42);
    port1.close();
    port2.close();
  });
});
