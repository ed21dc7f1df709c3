import { parseArgs } from 'node:util';
import { InputError, messageOf } from '../errors.js';

/** Flag definitions: each flag takes a value (`string`) or is a switch (`boolean`). */
export type FlagSpec = Record<string, 'string' | 'boolean'>;

/** Parsed flags: string values, `true` for switches given, `undefined` for flags not given. */
export type Flags<S extends FlagSpec> = { [K in keyof S]?: S[K] extends 'boolean' ? boolean : string };

/**
 * Parses `--name value` / `--switch` flags strictly: an unknown flag, a missing value or a
 * stray positional argument is an {@link InputError} `E_ARGUMENT` naming it.
 *
 * @param argv - arguments after the command name
 * @param spec - the flags the command accepts
 * @param command - the command's name, for messages
 */
export function parseFlags<S extends FlagSpec>(argv: string[], spec: S, command: string): Flags<S> {
  const options = Object.fromEntries(Object.entries(spec).map(([k, type]) => [k, { type }]));
  // `--hop -1`: a negative number is the flag's value (then checked), not an unknown flag.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [a, next] = [argv[i]!, argv[i + 1]];
    const takesValue = a.startsWith('--') && spec[a.slice(2)] === 'string';
    if (takesValue && next !== undefined && /^-[\d.]/.test(next)) args.push(`${a}=${argv[++i]}`);
    else args.push(a);
  }
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as Flags<S>;
  } catch (err) {
    throw new InputError('E_ARGUMENT', `${messageOf(err).split('\n')[0]} (see scl-wear ${command} --help)`, { cause: err });
  }
}

/**
 * Reads a numeric flag.
 *
 * @param value - the flag's text, or undefined when absent
 * @param name - the flag's name, for messages
 * @param fallback - value when absent
 * @param check - what the number must satisfy, and how to say it (default: positive)
 * @throws InputError `E_ARGUMENT` naming the flag when the text is not such a number
 */
export function numberFlag<T extends number | undefined>(
  value: string | undefined,
  name: string,
  fallback: T,
  check: { ok: (n: number) => boolean; expected: string } = { ok: (n) => n > 0, expected: 'a positive number' },
): number | T {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check.ok(n)) {
    throw new InputError('E_ARGUMENT', `--${name} must be ${check.expected}; got ${JSON.stringify(value)}`, {
      details: { argument: name },
    });
  }
  return n;
}

/** Limits on the numbers the CLI takes (docs/reliability.md, "CLI output and limits"). */
export const LIMITS = {
  /** Sample rates, Hz. */
  minRate: 0.01,
  maxRate: 100_000,
  /** Durations (`--seconds`, `--window`, `--hop`, `--batch`), s. */
  maxSeconds: 86_400,
  /** Frames of one recording the CLI simulates. */
  maxFrames: 25_000_000,
  /** Frames of one window. */
  maxWindowFrames: 1_000_000,
} as const;

/**
 * Reads a rate flag in Hz, from {@link LIMITS}.minRate to {@link LIMITS}.maxRate.
 *
 * @throws InputError `E_ARGUMENT` naming the flag and the limits
 */
export function rateFlag<T extends number | undefined>(value: string | undefined, name: string, fallback: T): number | T {
  return numberFlag(value, name, fallback, {
    ok: (n) => n >= LIMITS.minRate && n <= LIMITS.maxRate,
    expected: `a rate from ${LIMITS.minRate} to ${LIMITS.maxRate} Hz`,
  });
}

/**
 * Reads a duration flag in seconds, above 0 and at most {@link LIMITS}.maxSeconds.
 *
 * @throws InputError `E_ARGUMENT` naming the flag and the limit
 */
export function secondsFlag<T extends number | undefined>(value: string | undefined, name: string, fallback: T): number | T {
  return numberFlag(value, name, fallback, {
    ok: (n) => n > 0 && n <= LIMITS.maxSeconds,
    expected: `a number of seconds above 0 and at most ${LIMITS.maxSeconds}`,
  });
}

/**
 * Checks that `seconds` at `rate` Hz stay within `max` frames.
 *
 * @throws InputError `E_ARGUMENT` naming the flag and the limit
 */
export function checkFrames(seconds: number, rate: number, max: number, name: string): void {
  const frames = Math.round(seconds * rate);
  if (frames > max) {
    throw new InputError('E_ARGUMENT', `--${name}: ${seconds} s at ${rate} Hz is ${frames} frames, over the limit of ${max} frames`, {
      details: { argument: name, frames, limit: max },
    });
  }
}

/**
 * Reads a flag that takes one of a few words.
 *
 * @param value - the flag's text, or undefined when absent
 * @param name - the flag's name, for messages
 * @param allowed - the accepted words
 * @param fallback - value when absent
 * @throws InputError `E_ARGUMENT` listing the accepted words
 */
export function choiceFlag<T extends string, F extends T | undefined>(
  value: string | undefined,
  name: string,
  allowed: readonly T[],
  fallback: F,
): T | F {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) {
    throw new InputError('E_ARGUMENT', `--${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`, {
      details: { argument: name },
    });
  }
  return value as T;
}
