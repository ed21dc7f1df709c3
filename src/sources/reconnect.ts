import { checkArg } from '../errors.js';

/**
 * How a Bluetooth source reconnects after the link drops.
 *
 * @example
 * ```ts
 * import { requestHeartRateDevice, heartRateSource } from 'scl-wear';
 * button.onclick = async () => {
 *   // the `reconnect` field of the source options is a ReconnectOptions
 *   const hr = heartRateSource(await requestHeartRateDevice(), { reconnect: { retries: 10, maxDelayMs: 30_000 } });
 *   hr.status$.subscribe((s) => console.log(s.state, s.attempt));
 * };
 * ```
 */
export interface ReconnectOptions {
  /** Attempts after a loss before failing with E_DISCONNECTED (default 5; 0 = never retry). */
  retries?: number;
  /** Delay before the first attempt, in ms (default 500). */
  initialDelayMs?: number;
  /** Cap on the delay, in ms (default 8000). */
  maxDelayMs?: number;
  /** Growth of the delay per attempt (default 2). */
  factor?: number;
  /** Time limit of one GATT connect, in ms (default 10000). */
  connectTimeoutMs?: number;
  /** Time limit of one control command's answer, in ms (default 5000). */
  commandTimeoutMs?: number;
}

/**
 * {@link ReconnectOptions} with every field set.
 *
 * @example
 * ```ts
 * import { reconnectPolicy, type ReconnectPolicy } from 'scl-wear/advanced';
 * const policy: ReconnectPolicy = reconnectPolicy({ retries: 2 });
 * console.log(policy.factor, policy.connectTimeoutMs); // 2, 10000 ms
 * ```
 */
export type ReconnectPolicy = Required<ReconnectOptions>;

/**
 * Fills in and checks reconnection options.
 *
 * @param options - partial options
 * @throws InputError `E_ARGUMENT` naming the bad field
 * @example
 * ```ts
 * import { reconnectPolicy } from 'scl-wear/advanced';
 * reconnectPolicy({ retries: 3 }).initialDelayMs; // 500
 * ```
 */
export function reconnectPolicy(options: ReconnectOptions = {}): ReconnectPolicy {
  const p: ReconnectPolicy = {
    retries: options.retries ?? 5,
    initialDelayMs: options.initialDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 8000,
    factor: options.factor ?? 2,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    commandTimeoutMs: options.commandTimeoutMs ?? 5000,
  };
  checkArg(Number.isInteger(p.retries) && p.retries >= 0 && p.retries <= 1000, 'retries', 'an integer from 0 to 1000', p.retries);
  checkArg(p.initialDelayMs >= 0, 'initialDelayMs', 'a non-negative number of ms', p.initialDelayMs);
  checkArg(p.maxDelayMs >= p.initialDelayMs, 'maxDelayMs', 'at least initialDelayMs', p.maxDelayMs);
  checkArg(p.factor >= 1, 'factor', 'a number ≥ 1', p.factor);
  checkArg(p.connectTimeoutMs > 0, 'connectTimeoutMs', 'a positive number of ms', p.connectTimeoutMs);
  checkArg(p.commandTimeoutMs > 0, 'commandTimeoutMs', 'a positive number of ms', p.commandTimeoutMs);
  return p;
}

/**
 * Delay before reconnection attempt `attempt` (1-based): exponential, capped.
 *
 * @param attempt - 1 for the first retry
 * @param policy - the policy
 * @returns delay in ms
 * @example
 * ```ts
 * import { backoffDelay, reconnectPolicy } from 'scl-wear/advanced';
 * const policy = reconnectPolicy({ initialDelayMs: 500, factor: 2, maxDelayMs: 8000 });
 * [1, 2, 3, 6].map((a) => backoffDelay(a, policy)); // [500, 1000, 2000, 8000] ms
 * ```
 */
export function backoffDelay(attempt: number, policy: ReconnectPolicy): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** Math.max(0, attempt - 1));
}
