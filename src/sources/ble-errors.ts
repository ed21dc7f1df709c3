import { SdkError, SourceError, type SourceErrorCode } from '../errors.js';

/**
 * Turns whatever a Web Bluetooth or sensor call rejected with into a {@link SourceError}.
 * DOMException names map to codes: NotAllowedError/SecurityError → E_PERMISSION,
 * NetworkError/InvalidStateError → E_DISCONNECTED, TimeoutError → E_TIMEOUT,
 * NotSupportedError → E_UNAVAILABLE, NotFoundError → `notFound` (the chooser was cancelled:
 * E_PERMISSION; a service is missing: E_UNAVAILABLE). SDK errors keep their code: a
 * FormatError becomes E_PROTOCOL with the original as cause.
 *
 * @param err - the rejection
 * @param what - the operation, for the message
 * @param notFound - code for NotFoundError
 */
export function toSourceError(err: unknown, what: string, notFound: SourceErrorCode = 'E_UNAVAILABLE'): SourceError {
  if (err instanceof SourceError) return err;
  if (err instanceof SdkError) {
    return new SourceError('E_PROTOCOL', `${what}: ${err.message}`, { cause: err, details: { code: err.code, ...err.details } });
  }
  const name = err instanceof Error || isDomException(err) ? (err as { name: string }).name : '';
  const message = err instanceof Error || isDomException(err) ? (err as { message: string }).message : String(err);
  const code: SourceErrorCode =
    name === 'NotAllowedError' || name === 'SecurityError'
      ? 'E_PERMISSION'
      : name === 'NetworkError' || name === 'InvalidStateError'
        ? 'E_DISCONNECTED'
        : name === 'TimeoutError'
          ? 'E_TIMEOUT'
          : name === 'NotFoundError'
            ? notFound
            : name === 'NotSupportedError'
              ? 'E_UNAVAILABLE'
              : 'E_DISCONNECTED';
  return new SourceError(code, `${what}: ${message || name || 'failed'}`, { cause: err, details: { name } });
}

/** Whether an error means the link was lost (worth reconnecting) rather than a lasting fault. */
export function isLinkLoss(err: unknown): boolean {
  return err instanceof SourceError && (err.code === 'E_DISCONNECTED' || err.code === 'E_TIMEOUT');
}

/**
 * Rejects with {@link SourceError} `E_TIMEOUT` unless `promise` settles within `ms`.
 *
 * @param promise - the operation
 * @param ms - time limit in ms
 * @param what - the operation, for the message
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new SourceError('E_TIMEOUT', `${what}: no answer within ${ms} ms`, { details: { timeoutMs: ms } })),
      ms,
    );
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

function isDomException(err: unknown): boolean {
  return typeof DOMException !== 'undefined' && err instanceof DOMException;
}
