// Property-based tests (fast-check) of the byte and text readers of the sources: the CSV
// reader, the Polar PMD parsers and the heart-rate format. Every finite sample written comes
// back in its row; any input either parses or fails with an SdkError carrying a code.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SdkError } from '../../src/errors.js';
import { parseCsv } from '../../src/sources/csv-parse.js';
import { csvCell } from '../../src/core/csv-cell.js';
import { csvRecords } from './rfc4180.js';
import { parseHeartRateMeasurement } from '../../src/sources/heart-rate-format.js';
import { decodeDeltaFrame } from '../../src/sources/pmd-delta.js';
import { parsePmdFrame } from '../../src/sources/pmd-frame.js';
import { parsePmdSettings } from '../../src/sources/pmd-settings.js';

/** Runs `f`; a throw must be an SdkError with a code. */
function typed(f: () => unknown): unknown {
  try {
    return f();
  } catch (err) {
    expect(err).toBeInstanceOf(SdkError);
    expect((err as SdkError).code).toMatch(/^E_[A-Z_]+$/);
    return err;
  }
}

const sample = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(Number.NaN));
/** A number as a CSV writer may spell it: plain, exponent, quoted, padded; NaN as empty or `NaN`. */
const cell = (v: number) =>
  fc.constantFrom(0, 1, 2, 3).map((style) => {
    if (Number.isNaN(v)) return style % 2 ? '' : 'NaN';
    const text = style === 1 ? v.toExponential() : String(v);
    return style === 2 ? `"${text}"` : style === 3 ? ` ${text} ` : text;
  });

describe('CSV reader properties', () => {
  it('every row comes back as one frame with its values (float32), NaN for empty or NaN cells', () => {
    const rows = fc.array(fc.tuple(sample, sample, sample), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(
        rows.chain((r) => fc.tuple(fc.constant(r), fc.tuple(...r.flat().map(cell)))),
        ([values, cells]) => {
          const lines = ['t,ax,ay,az'];
          values.forEach((_, i) => lines.push([String(i / 50), cells[3 * i], cells[3 * i + 1], cells[3 * i + 2]].join(',')));
          const rec = parseCsv(lines.join('\n') + '\n', { rate: 50 });
          expect(rec.length).toBe(values.length);
          // String(-0) is "0": the writer's loss, not the reader's.
          expect(Array.from(rec.streams[0]!.data)).toEqual(values.flat().map((v) => (Object.is(v, -0) ? 0 : Math.fround(v))));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('every label, with commas, quotes, line breaks or padding, comes back quoted as RFC 4180 says', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', '=', '-', "'"), maxLength: 8 });
    const rows = fc.array(
      fc.tuple(
        sample.filter((v) => !Number.isNaN(v)),
        text,
      ),
      { minLength: 1, maxLength: 30 },
    );
    fc.assert(
      fc.property(rows, (values) => {
        const lines = ['t,"ax",ay,az,"label"'];
        values.forEach(([v, label], i) => lines.push([String(i / 50), `"${v}"`, '0', ' 1 ', csvCell(label)].join(',')));
        const rec = parseCsv(lines.join('\n') + '\n', { rate: 50 });
        expect(rec.length).toBe(values.length);
        expect(Array.from(rec.streams[0]!.data).filter((_, k) => k % 3 === 0)).toEqual(
          values.map(([v]) => (Object.is(v, -0) ? 0 : Math.fround(v))),
        );
        // Expected segments: runs of equal labels, as a spreadsheet-safe cell reads back.
        const expected: { label: string; start: number; end: number }[] = [];
        values.forEach(([, label], i) => {
          const read = /^[=+\-@\t\r]/.test(label) ? `'${label}` : label;
          const last = expected[expected.length - 1];
          if (last && last.end === i && last.label === read) last.end = i + 1;
          else if (read !== '') expected.push({ label: read, start: i, end: i + 1 });
        });
        expect(rec.labels).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('any text either parses into as many frames as data rows or fails with a typed error', () => {
    const raw = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('0x10', '0b101', '0o17', '1e999', '-', '.', '""', '"1"', 'Infinity', '1,2', '"', ' "1" ', '"1"x', '1"'),
    );
    const quoted = fc
      .string({ unit: fc.constantFrom('1', '.', ',', '"', '\n', '\r', ' ', '#'), maxLength: 6 })
      .map((t) => `"${t.replace(/"/g, '""')}"`);
    const junk = fc.array(
      fc.oneof(
        raw.map((c) => c.replace(/[\n\r#]/g, '')),
        quoted,
      ),
      { minLength: 1, maxLength: 30 },
    );
    fc.assert(
      fc.property(junk, (cells) => {
        const text = 'ecg\n' + cells.join('\n') + '\n';
        const r = typed(() => parseCsv(text, { rate: 100 }));
        if (r instanceof SdkError) return;
        const rows = csvRecords(text).slice(1, -1);
        while (rows.length > 0 && rows[rows.length - 1]!.trim() === '') rows.pop(); // trailing blank lines are not rows
        expect((r as { length: number }).length).toBe(rows.length);
      }),
      { numRuns: 500 },
    );
  });
});

describe('BLE parser properties', () => {
  it('random bytes give a frame, settings, a measurement or a typed error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.double({ min: 1e-3, max: 10, noNaN: true }), (bytes, factor) => {
        typed(() => parsePmdFrame(bytes, factor));
        typed(() => parsePmdSettings(bytes));
        typed(() => parseHeartRateMeasurement(bytes));
        typed(() => decodeDeltaFrame(new DataView(bytes.buffer), 0, 1 + ((bytes[0] ?? 0) % 3), 1 + ((bytes[1] ?? 0) % 32)));
      }),
      { numRuns: 2000 },
    );
  });

  it('a heart-rate measurement gives back its heart rate and every RR interval, in ms', () => {
    const m = fc.record({
      wide: fc.boolean(),
      hr: fc.integer({ min: 0, max: 255 }),
      energy: fc.option(fc.integer({ min: 0, max: 65535 })),
      rr: fc.array(fc.integer({ min: 0, max: 65535 }), { maxLength: 9 }),
    });
    fc.assert(
      fc.property(m, ({ wide, hr, energy, rr }) => {
        const bytes = [(wide ? 1 : 0) | (energy !== null ? 0x08 : 0) | (rr.length ? 0x10 : 0), hr, ...(wide ? [0] : [])];
        if (energy !== null) bytes.push(energy & 0xff, energy >> 8);
        for (const v of rr) bytes.push(v & 0xff, v >> 8);
        const out = parseHeartRateMeasurement(Uint8Array.from(bytes));
        expect(out.heartRate).toBe(hr);
        expect(Array.from(out.rr)).toEqual(rr.map((v) => (v * 1000) / 1024));
      }),
      { numRuns: 500 },
    );
  });

  it('delta frames: values that fit 32 bits decode exactly; sums that leave them are a typed error', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.array(fc.integer({ min: -128, max: 127 }), { minLength: 1, maxLength: 40 }),
        (ref, deltas) => {
          const bytes = new Uint8Array(4 + 2 + deltas.length);
          new DataView(bytes.buffer).setInt32(0, ref, true);
          bytes.set([8, deltas.length], 4);
          deltas.forEach((d, i) => (bytes[6 + i] = d & 0xff));
          const sums = deltas.reduce<number[]>((acc, d) => [...acc, acc[acc.length - 1]! + d], [ref]);
          const fits = sums.every((v) => v >= -(2 ** 31) && v < 2 ** 31);
          const r = typed(() => decodeDeltaFrame(new DataView(bytes.buffer), 0, 1, 32));
          if (fits) expect(Array.from(r as Int32Array)).toEqual(sums);
          else expect(r).toMatchObject({ code: 'E_PARSE' });
        },
      ),
      { numRuns: 500 },
    );
  });
});
