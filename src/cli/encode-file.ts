import { lastValueFrom, Subject, tap, type OperatorFunction } from 'rxjs';
import type { SampleBatch } from '../core/batch.js';
import { InputError } from '../errors.js';
import { readCsvFile } from '../io/csv.js';
import type { Encoder } from '../model/encoder.js';
import type { ModelEntry } from '../model/manifest.js';
import { createNodeEncoder } from '../model/node-encoder.js';
import { calibrateOrientation } from '../scl/calibration.js';
import { recordingBatches, type Recording } from '../sources/recording.js';
import { choiceFlag, rateFlag, secondsFlag } from './args.js';
import type { CliIO } from './command.js';
import { JsonArrayWriter } from './json-out.js';

/** A CSV recording opened for a model: the stream the model reads and a loaded encoder. */
export interface EncodedFile {
  rec: Recording;
  /** Model name. */
  model: string;
  stream: number;
  encoder: Encoder;
  /** Input samples per model sample. */
  ratio: number;
}

/** Flags shared by `embed` and `classify`. */
export interface EncodeFlags {
  input?: string;
  rate?: string;
  model?: string;
  hop?: string;
  device?: string;
  manifest?: string;
}

/**
 * Reads the CSV file, picks the stream the model reads (ECG for `ecg`, the IMU stream for
 * `imu`/`acc`) and loads the model (in-process, onnxruntime-node when installed).
 *
 * @throws InputError `E_ARGUMENT` for missing flags or a file without the model's stream
 */
export async function openFile(f: EncodeFlags, command: string, defaultModel?: (rec: Recording) => string): Promise<EncodedFile> {
  if (!f.input)
    throw new InputError('E_ARGUMENT', `--input FILE is required (see scl-wear ${command} --help)`, { details: { argument: 'input' } });
  const rate = rateFlag(f.rate, 'rate', undefined);
  secondsFlag(f.hop, 'hop', undefined); // checked before the file is read
  const device = choiceFlag(f.device, 'device', ['auto', 'cpu', 'wasm'] as const, 'auto');
  const rec = await readCsvFile(f.input, rate === undefined ? {} : { rate });
  const model = f.model ?? defaultModel?.(rec);
  if (!model)
    throw new InputError('E_ARGUMENT', `--model NAME is required (see scl-wear ${command} --help)`, { details: { argument: 'model' } });
  const encoder = await createNodeEncoder({ model, device, worker: false, ...(f.manifest ? { manifestPath: f.manifest } : {}) });
  const want = encoder.entry.kind === 'ecg' ? ['ecg'] : encoder.entry.kind === 'imu' ? ['imu'] : ['acc', 'imu'];
  const stream = rec.streams.findIndex((s) => want.includes(s.kind));
  if (stream < 0) {
    await encoder.close();
    throw new InputError(
      'E_ARGUMENT',
      `${f.input} has no ${want.join(' or ')} columns for model ${model} (streams: ${rec.streams.map((s) => s.kind).join(', ')})`,
      { details: { argument: 'input' } },
    );
  }
  return { rec, model, stream, encoder, ratio: rec.rate / encoder.entry.sampleRate };
}

/** Hop in seconds from `--hop` (default: the model's window length). */
export function hopSeconds(f: EncodeFlags, entry: ModelEntry): number {
  return secondsFlag(f.hop, 'hop', entry.windowSamples / entry.sampleRate);
}

/**
 * Runs the file's stream through an operator, handing each result to `each` as it is
 * produced; the next one-second batch goes in only after `drain` resolves (the output has
 * room), so results are written as they come instead of collected.
 */
export async function runFile<R>(
  file: EncodedFile,
  op: OperatorFunction<SampleBatch, R>,
  each: (r: R) => unknown,
  drain?: () => Promise<void>,
): Promise<void> {
  const input = new Subject<SampleBatch>();
  let failed = false;
  const done = lastValueFrom(input.pipe(op, tap(each)), { defaultValue: undefined });
  done.catch(() => (failed = true));
  for (const batch of recordingBatches(file.rec, file.stream, { batchSeconds: 1 })) {
    if (failed) break;
    input.next(batch);
    await drain?.();
  }
  input.complete();
  await done;
}

/** How {@link writeWindows} prints the results of an operator. */
export interface WindowOutput<R, W> {
  /** With `--json`: the members written before the `windows` array; without: `undefined`. */
  json: Record<string, unknown> | undefined;
  /** The first line of the text output. */
  title: string;
  /** One result as the window printed (a `windows` element in JSON). */
  window(r: R): W;
  /** One window as a line of the text output. */
  line(w: W): string;
}

/**
 * Runs the file through `op` and prints each result as it comes: one element of a `windows`
 * array in JSON, or a title, a line per window and the count as text.
 */
export async function writeWindows<R, W>(
  file: EncodedFile,
  op: OperatorFunction<SampleBatch, R>,
  io: CliIO,
  out: WindowOutput<R, W>,
): Promise<void> {
  const json = out.json ? new JsonArrayWriter(io, out.json, 'windows') : undefined;
  if (!json) io.out(out.title);
  let count = 0;
  await runFile(
    file,
    op,
    (r) => {
      const w = out.window(r);
      count++;
      if (json) return json.add(w);
      io.out(out.line(w));
    },
    io.drain,
  );
  if (json) json.end();
  else io.out(`${count} windows`);
}

/**
 * Orientation calibration from `--calibrate START:END` (seconds from the file's first sample,
 * standing still): the device-to-body rotation for the model's reference "up".
 *
 * @throws InputError `E_ARGUMENT` for a malformed range, a model without calibration, or a
 *   segment where the device moved
 */
export function calibrationFlag(value: string | undefined, file: EncodedFile): Float64Array | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(value);
  const [a, b] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  const { rec, stream } = file;
  const from = Math.round(a * rec.rate);
  const to = Math.min(rec.length, Math.round(b * rec.rate));
  if (!m || !(to - from >= 2)) {
    throw new InputError(
      'E_ARGUMENT',
      `--calibrate must be START:END in seconds within the file, END > START; got ${JSON.stringify(value)}`,
      { details: { argument: 'calibrate' } },
    );
  }
  const p = file.encoder.entry.preprocessing;
  if (p.calibration !== 'orientation' || !p.referenceUp) {
    throw new InputError('E_ARGUMENT', `model ${file.encoder.entry.file} does not support orientation calibration`, {
      details: { argument: 'calibrate' },
    });
  }
  const s = rec.streams[stream]!;
  const nc = s.channels.length;
  const x = s.data.subarray(from * nc, to * nc);
  return calibrateOrientation(
    x,
    { frames: to - from, channels: nc, layout: 'interleaved' },
    { reference: p.referenceUp, accChannel: s.channels.findIndex((c) => c.name === 'ax') },
  ).rotation;
}

/** Index of a model-rate frame in the input's samples. */
export const inputIndex = (file: EncodedFile, modelFrame: number) => Math.round(modelFrame * file.ratio);

/** Rounds to 6 significant digits for JSON output. */
export const round6 = (v: number) => Number(v.toPrecision(6));
