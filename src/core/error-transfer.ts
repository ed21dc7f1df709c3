import { transferHandlers, type TransferHandler } from 'comlink';
import { fromErrorPayload, SdkError, toErrorPayload, type SdkErrorPayload } from '../errors.js';

const INSTALLED = Symbol.for('scl-wear.comlink-errors');

type Serialized = { sdk: true; payload: SdkErrorPayload } | { sdk: false; error: boolean; value: unknown };

/**
 * Replaces comlink's `throw` transfer handler so that an {@link SdkError} thrown in a worker is
 * rethrown on the caller's side with the same class, `code`, message and details (comlink's
 * default keeps only `message`, `name` and `stack`). Other errors keep comlink's behaviour.
 * Idempotent; both sides of a channel must call it (the SDK's worker entry and encoders do).
 *
 * @example
 * ```ts
 * import { installErrorTransfer } from 'scl-wear/advanced';
 * installErrorTransfer();
 * ```
 */
export function installErrorTransfer(): void {
  const original = transferHandlers.get('throw') as (TransferHandler<{ value: unknown }, unknown> & { [INSTALLED]?: true }) | undefined;
  if (!original || original[INSTALLED]) return;
  const handler: TransferHandler<{ value: unknown }, Serialized> & { [INSTALLED]: true } = {
    [INSTALLED]: true,
    canHandle: (v): v is { value: unknown } => original.canHandle(v),
    serialize({ value }) {
      if (value instanceof SdkError) return [{ sdk: true, payload: { ...toErrorPayload(value) } }, []];
      if (value instanceof Error)
        return [{ sdk: false, error: true, value: { message: value.message, name: value.name, stack: value.stack } }, []];
      return [{ sdk: false, error: false, value }, []];
    },
    deserialize(s) {
      if (s.sdk) throw fromErrorPayload(s.payload);
      if (s.error) throw Object.assign(new Error((s.value as Error).message), s.value);
      throw s.value;
    },
  };
  transferHandlers.set('throw', handler);
}
