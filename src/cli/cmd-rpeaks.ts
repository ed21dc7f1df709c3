import { basename } from 'node:path';
import { InputError } from '../errors.js';
import { readCsvFile } from '../io/csv.js';
import { readWfdbRecord } from '../io/wfdb.js';
import { rateFlag } from './args.js';
import { flagCommand } from './command.js';
import { writeJson } from './json-out.js';
import { summarizeEcg, type EcgReport } from './ecg-summary.js';

const USAGE = `scl-wear rpeaks (--input FILE.csv [--rate HZ] | --wfdb RECORD [--lead NAME]) [--json]

Detects the R peaks of one ECG lead with the streaming detector (Hamilton-Tompkins rules,
filters designed for the rate; 100-2000 Hz) and reports heart rate, RR interval kinds
(normal / ectopic / artifact), HRV over the whole recording (mean NN, SDNN, RMSSD, pNN50,
Lomb-Scargle LF/HF over NN intervals) and 10 s signal-quality windows.

  --input FILE    CSV recording with an ecg column in mV (t column optional; see docs/data.md)
  --rate HZ       sample rate; needed when the CSV has no t column, checked against t otherwise
  --wfdb RECORD   WFDB record path without extension, e.g. ../shared/data/mitdb/100
  --lead NAME     lead of the WFDB record (default MLII, else the first signal) or CSV column
  --json          print one JSON object: peaks (sample indices of the input), heartRate, rr,
                  hrv, quality`;

const FLAGS = { input: 'string', rate: 'string', wfdb: 'string', lead: 'string', json: 'boolean' } as const;

/** `scl-wear rpeaks`: R peaks, heart rate, HRV and signal quality of an ECG file. */
export const rpeaksCommand = flagCommand({
  name: 'rpeaks',
  usage: USAGE,
  flags: FLAGS,
  async run(f, io) {
    if (!f.input === !f.wfdb) {
      throw new InputError('E_ARGUMENT', 'give exactly one of --input FILE.csv or --wfdb RECORD (see scl-wear rpeaks --help)', {
        details: { argument: 'input' },
      });
    }
    const rate = rateFlag(f.rate, 'rate', undefined);
    const { x, fs, lead, source, timeOf } = f.wfdb ? await fromWfdb(f.wfdb, f.lead) : await fromCsv(f.input!, rate, f.lead);
    const report = summarizeEcg(x, fs, timeOf);
    if (f.json) {
      await writeJson(io, { source, lead, ...report });
      return 0;
    }
    for (const line of describe(source, lead, report)) io.out(line);
    return 0;
  },
});

interface Lead {
  x: Float32Array;
  fs: number;
  lead: string;
  source: string;
  timeOf?: (i: number) => number;
}

async function fromWfdb(path: string, leadName: string | undefined): Promise<Lead> {
  const rec = await readWfdbRecord(path);
  const leads = rec.signals.map((s) => s.name);
  if (leads.length === 0) {
    throw new InputError('E_ARGUMENT', `record ${rec.name} has no signals, so no lead to detect R peaks in (${path}.hea)`, {
      details: { argument: 'wfdb', record: rec.name, leads },
    });
  }
  const sig = leadName ? rec.signals.find((s) => s.name === leadName) : (rec.signals.find((s) => s.name === 'MLII') ?? rec.signals[0]);
  if (!sig) {
    throw new InputError('E_ARGUMENT', `record ${rec.name} has no lead ${JSON.stringify(leadName)}; leads: ${leads.join(', ')}`, {
      details: { argument: 'lead', record: rec.name, leads },
    });
  }
  if (sig.units.toLowerCase() !== 'mv')
    throw new InputError('E_UNIT', `lead ${sig.name} is in ${sig.units}; expected mV`, { details: { unit: sig.units } });
  return { x: sig.data, fs: rec.rate, lead: sig.name, source: basename(path) };
}

async function fromCsv(path: string, rate: number | undefined, leadName: string | undefined): Promise<Lead> {
  const rec = await readCsvFile(path, rate !== undefined ? { rate } : {});
  const stream = rec.streams.find((s) => s.kind === 'ecg');
  const names = rec.streams.flatMap((s) => s.channels.map((c) => c.name));
  const ch = stream ? (leadName ? stream.channels.findIndex((c) => c.name === leadName) : 0) : -1;
  if (!stream || ch < 0) {
    throw new InputError(
      'E_ARGUMENT',
      `${basename(path)} has no ECG column${leadName ? ` ${JSON.stringify(leadName)}` : ''}; columns: ${names.join(', ')}`,
      {
        details: { argument: 'lead', columns: names },
      },
    );
  }
  const nc = stream.channels.length;
  const scale = stream.channels[ch]!.unit === 'uV' ? 0.001 : 1;
  const x = new Float32Array(rec.length);
  for (let i = 0; i < rec.length; i++) x[i] = (stream.data[i * nc + ch] as number) * scale;
  const ts = rec.timestamps;
  const timeOf = ts ? (i: number) => ts[i] as number : (i: number) => rec.t0 + i / rec.rate;
  return { x, fs: rec.rate, lead: stream.channels[ch]!.name, source: basename(path), timeOf };
}

function describe(source: string, lead: string, r: EcgReport): string[] {
  const f = (v: number, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');
  const q = r.quality;
  return [
    `${source} ${lead}: ${r.samples} samples at ${r.rate} Hz (${f(r.durationSeconds)} s)`,
    `R peaks: ${r.peaks.length}; RR intervals: ${r.rr.intervals} (normal ${r.rr.normal}, ectopic ${r.rr.ectopic}, artifact ${r.rr.artifact})`,
    `heart rate: mean ${f(r.heartRate.mean)} bpm, smoothed range ${f(r.heartRate.min)}-${f(r.heartRate.max)} bpm`,
    `HRV: mean NN ${f(r.hrv.meanNn)} ms, SDNN ${f(r.hrv.sdnn)} ms, RMSSD ${f(r.hrv.rmssd)} ms, pNN50 ${f(r.hrv.pnn50)} %, LF ${f(r.hrv.lf)} ms², HF ${f(r.hrv.hf)} ms², LF/HF ${f(r.hrv.lfHf, 2)}`,
    `quality: ${q.usable}/${q.windows} windows of ${q.windowSeconds} s usable, mean ${f(q.meanQuality, 2)}` +
      (Object.keys(q.flags).length
        ? ` (${Object.entries(q.flags)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')})`
        : ''),
  ];
}
