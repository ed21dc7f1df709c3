import { stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { formatOf, readFrameFile, writeFrameFile } from '../io/frame-files.js';
import { writeParquetDataset } from '../io/dataset.js';
import { flagCommand } from './command.js';

const USAGE = `scl-wear convert --input FILE --out FILE [--stream NAME]
scl-wear convert --input FOLDER --out FOLDER

Converts a recording between formats, chosen by the file extensions: .csv (t, channels,
label), .sclw (scl-wear session file, bit-exact), .parquet (a row per frame; see
docs/export.md) and .edf (EDF+C, or EDF+D with gaps; 16-bit, labels as annotations).
Memory stays bounded for Parquet, EDF and .sclw input.

Given a folder of exported sessions, writes one Parquet dataset partitioned by subject and
date (subject=S01/date=2026-12-04/part-0.parquet, one part per stream of each session).

  --input PATH     the file or folder to read (required)
  --out PATH       the file or (empty) folder to write (required)
  --stream NAME    which stream of a file holding several (e.g. imu, ecg)`;

const FLAGS = { input: 'string', out: 'string', stream: 'string' } as const;

/** `scl-wear convert`: between CSV, .sclw, Parquet and EDF+, or a folder into a Parquet dataset. */
export const convertCommand = flagCommand({
  name: 'convert',
  usage: USAGE,
  flags: FLAGS,
  async run(f, io) {
    if (!f.input || !f.out)
      throw new InputError('E_ARGUMENT', '--input and --out are required (see scl-wear convert --help)', {
        details: { argument: f.input ? 'out' : 'input' },
      });
    const folder = await stat(f.input).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (folder) {
      const { files, parts, rows } = await writeParquetDataset(f.input, f.out);
      io.out(`wrote ${f.out}: ${parts.length} Parquet parts from ${files} files, ${rows} rows, partitioned by subject and date`);
      return 0;
    }
    formatOf(f.out, 'out');
    const source = await readFrameFile(f.input, f.stream);
    await writeFrameFile(f.out, source);
    io.out(
      `wrote ${f.out}: ${source.kind} stream "${source.stream}", ${source.frames} frames at ${source.rate} Hz, ${source.channels.length} channels, ${source.labels.length} labels`,
    );
    return 0;
  },
});
