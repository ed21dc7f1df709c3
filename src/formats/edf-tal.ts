/**
 * EDF+ Time-stamped Annotation Lists (TALs, EDF+ specification section 2.2.2): `+onset`, then
 * optionally `\x15duration`, then `\x14`, then annotations each closed by `\x14`, then `\x00`.
 * Onsets and durations are seconds relative to the file's start date and time.
 */
import type { FrameLabel } from './frames.js';

const seconds = (x: number): string => {
  const s = Math.abs(x)
    .toFixed(6)
    .replace(/\.?0+$/, '');
  return s === '' ? '0' : s;
};
const onsetText = (x: number) => `${x < 0 ? '-' : '+'}${seconds(x)}`;
// eslint-disable-next-line no-control-regex -- control characters are what the cleaning removes
const clean = (s: string) => s.replace(/[\x00-\x1f]/g, ' ');

/**
 * The TAL that starts every data record: the record's onset and an empty annotation.
 *
 * @param onset - seconds from the file's start
 */
export const timekeepingTal = (onset: number): string => `${onsetText(onset)}\x14\x14\x00`;

/**
 * The TAL of one label: an activity with its duration (an open one runs to `tEnd`), an event
 * without. The note, when present, follows as a second annotation of the same TAL.
 *
 * @param l - the label (times on the signal clock, s)
 * @param t0 - signal time of the file's start, s
 * @param tEnd - signal time just after the last frame, s
 */
export function labelTal(l: FrameLabel, t0: number, tEnd: number): string {
  const onset = l.start - t0;
  const duration = l.kind === 'activity' ? Math.max(0, (l.end ?? tEnd) - l.start) : undefined;
  const texts = [clean(l.label), ...(l.note ? [clean(l.note)] : [])];
  return `${onsetText(onset)}${duration !== undefined ? `\x15${seconds(duration)}` : ''}\x14${texts.join('\x14')}\x14\x00`;
}

/** Text of the annotation marking padded samples (after a segment's last frame, before a gap or the end). */
export const PADDING = 'scl-wear:padding';

/**
 * The TAL marking the padded end of a data record: the samples from `onset` for `seconds` are
 * not signal.
 *
 * @param onset - seconds from the file's start
 * @param seconds - length of the padding
 */
export const paddingTal = (onset: number, seconds: number): string =>
  `${onsetText(onset)}\x15${seconds > 0 ? seconds.toFixed(9).replace(/\.?0+$/, '') : '0'}\x14${PADDING}\x14\x00`;

/** Bytes a TAL takes (annotations are UTF-8). */
export const annotationBytes = (tal: string): number => new TextEncoder().encode(tal).length;

/** One parsed TAL. */
export interface Tal {
  readonly onset: number;
  readonly duration?: number;
  readonly texts: readonly string[];
}

/**
 * Parses the TALs in the bytes of one record's annotation signal (zero padding ignored).
 *
 * @param bytes - the annotation signal's bytes in one data record
 */
export function parseTals(bytes: Uint8Array): Tal[] {
  const out: Tal[] = [];
  const text = new TextDecoder().decode(bytes);
  for (const tal of text.split('\x00')) {
    if (tal === '') continue;
    const parts = tal.split('\x14');
    const [time, ...rest] = parts;
    const [onset, duration] = time!.split('\x15');
    out.push({ onset: Number(onset), ...(duration !== undefined && { duration: Number(duration) }), texts: rest.filter((s) => s !== '') });
  }
  return out;
}
