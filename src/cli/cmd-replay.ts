import { basename } from 'node:path';
import { readCsvFile } from '../io/csv.js';
import { InputError } from '../errors.js';
import { checkFrames, choiceFlag, LIMITS, rateFlag, secondsFlag } from './args.js';
import { formatStreamReport, runChain } from './chain.js';
import { flagCommand } from './command.js';
import { writeJson } from './json-out.js';

const USAGE = `scl-wear replay --input FILE.csv [options]

Reads a CSV recording (columns t, ecg, ax,ay,az, gx,gy,gz, label; see docs/data.md), replays
it through the preprocessing chain: validate (NaN held, gaps marked) → band-pass 0.5–40 Hz for
ECG / gravity separation for accelerometers → resample (when asked) → sliding windows, and
prints window statistics per stream.

  --input FILE     the CSV file (required)
  --rate HZ        sample rate; needed when the file has no t column, checked against t otherwise
  --acc-unit U     g | m/s2: unit of ax,ay,az when the header names none (default m/s2)
  --resample HZ    resample to this rate before windowing
  --window S       window length in seconds (default 2)
  --hop S          seconds between window starts (default: half the window)
  --batch S        seconds per replayed batch (default 1)
  --json           print one JSON object instead of text`;

const FLAGS = {
  input: 'string',
  rate: 'string',
  'acc-unit': 'string',
  resample: 'string',
  window: 'string',
  hop: 'string',
  batch: 'string',
  json: 'boolean',
} as const;

/** `scl-wear replay`: a CSV recording through the preprocessing chain, with window statistics. */
export const replayCommand = flagCommand({
  name: 'replay',
  usage: USAGE,
  flags: FLAGS,
  async run(f, io) {
    if (!f.input)
      throw new InputError('E_ARGUMENT', '--input FILE.csv is required (see scl-wear replay --help)', { details: { argument: 'input' } });
    const rate = rateFlag(f.rate, 'rate', undefined);
    const accUnit = choiceFlag(f['acc-unit'], 'acc-unit', ['g', 'm/s2', 'm/s^2'], undefined);
    const windowSeconds = secondsFlag(f.window, 'window', 2);
    const hopSeconds = secondsFlag(f.hop, 'hop', windowSeconds / 2);
    const resampleTo = rateFlag(f.resample, 'resample', undefined);
    const batchSeconds = secondsFlag(f.batch, 'batch', 1);
    const rec = await readCsvFile(f.input, {
      ...(rate !== undefined ? { rate } : {}),
      ...(accUnit ? { accUnit: accUnit === 'g' ? 'g' : 'm/s^2' } : {}),
    });
    const outRate = resampleTo ?? rec.rate;
    checkFrames(windowSeconds, outRate, LIMITS.maxWindowFrames, 'window');
    checkFrames(batchSeconds, rec.rate, LIMITS.maxWindowFrames, 'batch');
    const options = { windowSeconds, hopSeconds, batchSeconds, ...(resampleTo !== undefined ? { resampleTo } : {}) };
    const streams = [];
    for (let i = 0; i < rec.streams.length; i++) streams.push(await runChain(rec, i, options));
    if (f.json) {
      await writeJson(io, { input: f.input, rate: rec.rate, frames: rec.length, streams });
      return 0;
    }
    io.out(
      `${basename(f.input)}: ${rec.length} frames at ${rec.rate} Hz${rec.timestamps ? ' (from the t column)' : ''}, streams: ${rec.streams.map((s) => s.kind).join(', ')}`,
    );
    for (const r of streams) {
      io.out(`${r.kind}:`);
      for (const line of formatStreamReport(r)) io.out(line);
    }
    return 0;
  },
});
