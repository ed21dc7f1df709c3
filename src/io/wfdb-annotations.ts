import { FormatError } from '../errors.js';

/**
 * One annotation of a WFDB annotation file.
 *
 * @example
 * ```ts
 * import { readWfdbAnnotations, type WfdbAnnotation } from 'scl-wear/node';
 * const all: WfdbAnnotation[] = await readWfdbAnnotations('data/mitdb/203');
 * const rhythms = all.filter((a) => a.symbol === '+').map((a) => [a.sample / 360, a.aux]); // s at 360 Hz, e.g. '(AFIB'
 * ```
 */
export interface WfdbAnnotation {
  /** Sample index (of the record's signals) the annotation points at. */
  readonly sample: number;
  /** WFDB annotation code (1 = N, 5 = V, 28 = rhythm change...). */
  readonly code: number;
  /** The code's mnemonic (`N`, `V`, `A`, `+`...). */
  readonly symbol: string;
  /** Auxiliary text, e.g. a rhythm label such as `(AFIB`. */
  readonly aux?: string;
}

/** Mnemonics of the WFDB annotation codes 0..41, by code. */
// prettier-ignore
const SYMBOLS = [
  ' ', 'N', 'L', 'R', 'a', 'V', 'F', 'J', 'A', 'S', 'E', 'j', '/', 'Q', '~', '', '|', '', 's', 'T', '*', 'D',
  '"', '=', 'p', 'B', '^', 't', '+', 'u', '?', '!', '[', ']', 'e', 'n', '@', 'x', 'f', '(', ')', 'r',
];

/** Symbols that mark a heartbeat (QRS complex) in the WFDB convention. */
const BEATS = new Set(['N', 'L', 'R', 'B', 'A', 'a', 'J', 'S', 'V', 'r', 'F', 'e', 'j', 'n', 'E', '/', 'f', 'Q', '?']);

/**
 * AAMI EC57 heartbeat classes.
 *
 * @example
 * ```ts
 * import { readWfdbAnnotations, aamiClass, type AamiClass } from 'scl-wear/node';
 * const counts: Record<AamiClass, number> = { N: 0, S: 0, V: 0, F: 0, Q: 0 };
 * for (const a of await readWfdbAnnotations('data/mitdb/100')) {
 *   const c = aamiClass(a.symbol);
 *   if (c) counts[c]++;
 * }
 * ```
 */
export type AamiClass = 'N' | 'S' | 'V' | 'F' | 'Q';

// prettier-ignore
const AAMI: Record<string, AamiClass> = {
  N: 'N', L: 'N', R: 'N', e: 'N', j: 'N',
  A: 'S', a: 'S', J: 'S', S: 'S',
  V: 'V', E: 'V',
  F: 'F',
  '/': 'Q', f: 'Q', Q: 'Q',
};

/**
 * Whether an annotation symbol marks a heartbeat.
 *
 * @param symbol - WFDB mnemonic, e.g. `N`
 * @example
 * ```ts
 * import { readWfdbAnnotations, isBeatSymbol } from 'scl-wear/node';
 * const beats = (await readWfdbAnnotations('data/mitdb/100')).filter((a) => isBeatSymbol(a.symbol));
 * isBeatSymbol('+'); // false: a rhythm change, not a beat
 * ```
 */
export function isBeatSymbol(symbol: string): boolean {
  return BEATS.has(symbol);
}

/**
 * The AAMI class of a beat symbol, or undefined for non-beat annotations.
 *
 * @param symbol - WFDB mnemonic, e.g. `V`
 * @example
 * ```ts
 * import { aamiClass } from 'scl-wear/node';
 * aamiClass('L'); // 'N' (left bundle branch block beat)
 * aamiClass('A'); // 'S' (atrial premature beat)
 * aamiClass('+'); // undefined (not a beat)
 * ```
 */
export function aamiClass(symbol: string): AamiClass | undefined {
  return AAMI[symbol];
}

/**
 * Parses a WFDB annotation file in MIT format (e.g. `100.atr`).
 *
 * @param bytes - the file's bytes
 * @throws FormatError `E_TRUNCATED` when the file ends inside an annotation
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { parseWfdbAnnotations } from 'scl-wear/node';
 * const annotations = parseWfdbAnnotations(await readFile('data/mitdb/100.atr'));
 * console.log(annotations[0]?.sample, annotations[0]?.symbol);
 * ```
 */
export function parseWfdbAnnotations(bytes: Uint8Array): WfdbAnnotation[] {
  const out: { sample: number; code: number; symbol: string; aux?: string }[] = [];
  const truncated = (at: number) =>
    new FormatError('E_TRUNCATED', `annotation file ends inside an annotation at byte ${at}`, { details: { offset: at } });
  let time = 0;
  let p = 0;
  while (p + 1 < bytes.length) {
    const word = (bytes[p] as number) | ((bytes[p + 1] as number) << 8);
    p += 2;
    if (word === 0) return out;
    const code = word >> 10;
    const value = word & 0x3ff;
    if (code === 59) {
      if (p + 4 > bytes.length) throw truncated(p);
      const hi = (bytes[p] as number) | ((bytes[p + 1] as number) << 8);
      const lo = (bytes[p + 2] as number) | ((bytes[p + 3] as number) << 8);
      time += (hi << 16) | lo;
      p += 4;
    } else if (code === 63) {
      if (p + value > bytes.length) throw truncated(p);
      const text = new TextDecoder('latin1').decode(bytes.subarray(p, p + value)).replace(/\0+$/, '');
      const last = out[out.length - 1];
      if (last) last.aux = text;
      p += value + (value & 1);
    } else if (code >= 60 && code <= 62) {
      // NUM, SUB, CHN: set fields of the following annotations; they add no time.
    } else {
      time += value;
      out.push({ sample: time, code, symbol: SYMBOLS[code] ?? '' });
    }
  }
  if (bytes.length > 0) throw truncated(p);
  return out;
}
