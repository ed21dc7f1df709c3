import { describe, expect, it } from 'vitest';
import { parseCsv, type CsvReadOptions } from '../../src/sources/csv-parse.js';
import { formatCsv } from '../../src/sources/csv-format.js';
import { createRecording } from '../../src/sources/recording.js';
import { FormatError, InputError, type SdkError } from '../../src/errors.js';
import { STANDARD_GRAVITY } from '../../src/core/batch.js';
import { rfc4180 } from './rfc4180.js';

function failure(text: string, options?: CsvReadOptions): SdkError {
  try {
    parseCsv(text, options);
  } catch (err) {
    return err as SdkError;
  }
  throw new Error('expected parseCsv to throw');
}

describe('parseCsv', () => {
  it('reads an ECG file with a time column and estimates its rate', () => {
    const rec = parseCsv('t,ecg\n0,0.1\n0.004,0.2\n0.008,-0.3\n0.012,1.25\n');
    expect(rec.rate).toBe(250);
    expect(rec.length).toBe(4);
    expect(rec.streams).toHaveLength(1);
    expect(rec.streams[0]!.kind).toBe('ecg');
    expect(rec.streams[0]!.channels).toEqual([{ name: 'ecg', unit: 'mV' }]);
    expect(Array.from(rec.streams[0]!.data)).toEqual([0.1, 0.2, -0.3, 1.25].map(Math.fround));
    expect(Array.from(rec.timestamps!)).toEqual([0, 0.004, 0.008, 0.012]);
  });

  it('needs a rate without a time column and then times frames from it', () => {
    expect(failure('ecg\n1\n2\n')).toMatchObject({ code: 'E_RATE' });
    const rec = parseCsv('ecg\n1\n2\n', { rate: 130 });
    expect(rec.rate).toBe(130);
    expect(rec.timestamps).toBeUndefined();
  });

  it('checks a given rate against the time column', () => {
    const text = 't,ecg\n0,1\n0.01,1\n0.02,1\n';
    expect(parseCsv(text, { rate: 100 }).rate).toBe(100);
    const err = failure(text, { rate: 250 });
    expect(err).toBeInstanceOf(InputError);
    expect(err.code).toBe('E_RATE');
  });

  it('builds an imu stream from ax..gz, converting units named in the header', () => {
    const rec = parseCsv('t,ax[g],ay[g],az[g],gx[deg/s],gy,gz,extra\n0,0,0,1,180,0.5,0,x\n0.02,0,1,0,0,0,0,y\n');
    const s = rec.streams[0]!;
    expect(s.kind).toBe('imu');
    expect(s.channels.map((c) => `${c.name}:${c.unit}`)).toEqual(['ax:g', 'ay:g', 'az:g', 'gx:rad/s', 'gy:rad/s', 'gz:rad/s']);
    expect(s.data[2]).toBe(1);
    expect(s.data[3]).toBeCloseTo(Math.PI, 6); // 180 deg/s
    expect(s.data[4]).toBe(0.5);
    expect(rec.length).toBe(2);
  });

  it('takes the accelerometer unit from the options, and rejects a header that contradicts it', () => {
    const rec = parseCsv('ax,ay,az\n0,0,1\n', { rate: 50, accUnit: 'g' });
    expect(rec.streams[0]!.kind).toBe('acc');
    expect(rec.streams[0]!.channels[0]!.unit).toBe('g');
    expect(failure('ax[m/s2],ay,az\n0,0,1\n', { rate: 50, accUnit: 'g' })).toMatchObject({ code: 'E_UNIT' });
  });

  it('holds ECG and IMU columns of one file as two streams on one time base, and converts uV', () => {
    const rec = parseCsv('t,ecg[uV],ax,ay,az\n0,1500,0,0,9.8\n0.01,-500,0,0,9.8\n');
    expect(rec.streams.map((s) => s.kind)).toEqual(['ecg', 'acc']);
    expect(Array.from(rec.streams[0]!.data)).toEqual([1.5, -0.5]);
    expect(rec.streams[1]!.data.length).toBe(6);
  });

  it('skips comments and blank lines, accepts CRLF and quoted cells, and turns empty cells into NaN', () => {
    const rec = parseCsv('# exported by a chest strap\r\n\r\n"t","ecg"\r\n0,1\r\n0.01,\r\n0.02,NaN\r\n\r\n');
    expect(rec.length).toBe(3);
    const d = rec.streams[0]!.data;
    expect(d[0]).toBe(1);
    expect(Number.isNaN(d[1]!)).toBe(true);
    expect(Number.isNaN(d[2]!)).toBe(true);
  });

  it('run-length encodes a label column into segments', () => {
    const rec = parseCsv('ax,ay,az,label\n0,0,1,sit\n0,0,1,sit\n0,0,1,\n1,0,0,lay\n1,0,0,lay\n', { rate: 1, accUnit: 'g' });
    expect(rec.labels).toEqual([
      { label: 'sit', start: 0, end: 2 },
      { label: 'lay', start: 3, end: 5 },
    ]);
  });

  it('reads session exports: time_s column, units in parentheses, gap comments', () => {
    const rec = parseCsv('time_s,ecg (mV)\n0,1\n0.01,2\n# gap 0.5\n0.52,3\n');
    expect(rec.rate).toBe(100);
    expect(Array.from(rec.timestamps!)).toEqual([0, 0.01, 0.52]);
    expect(Array.from(rec.streams[0]!.data)).toEqual([1, 2, 3]);
  });

  it('estimates the rate across gaps in the time column', () => {
    const t = [0, 0.02, 0.04, 0.06, 3.0, 3.02, 3.04];
    const rec = parseCsv('t,ecg\n' + t.map((v) => `${v},0`).join('\n'));
    expect(rec.rate).toBe(50);
  });
});

describe('parseCsv on bad input', () => {
  it('accepts quoted numbers and decimal notation only: hex, binary, octal and Infinity words are text', () => {
    const rec = parseCsv('t,ecg\n"0","0.5"\n" 0.01 ",-1e-3\n0.02,"+2"\n0.03,.5\n');
    expect(Array.from(rec.streams[0]!.data)).toEqual([0.5, -0.001, 2, 0.5].map(Math.fround));
    expect(Array.from(rec.timestamps!)).toEqual([0, 0.01, 0.02, 0.03]);
    for (const bad of ['0x10', '0b101', '0o17', 'Infinity', '1_000', '1e', '--1', '"0x10"']) {
      const err = failure(`t,ecg\n0,1\n0.01,${bad}\n`);
      expect([bad, err.code, err.message]).toEqual([
        bad,
        'E_PARSE',
        expect.stringMatching(/line 3, column 2 \(ecg\): ".*" is not a number/),
      ]);
    }
    expect(failure('t,ecg\n0x0,1\n').code).toBe('E_PARSE');
  });

  it('rejects text in a number column with its line and column', () => {
    const err = failure('t,ecg\n0,0.1\n0.004,abc\n');
    expect(err).toBeInstanceOf(FormatError);
    expect(err.code).toBe('E_PARSE');
    expect(err.message).toMatch(/line 3, column 2 \(ecg\)/);
    expect(err.details).toMatchObject({ line: 3, column: 2, name: 'ecg', text: 'abc' });
  });

  it('reads quoted cells across lines and rejects bad quoting with the line and column', () => {
    const rec = parseCsv('t,ecg,label\n0,1,"a\n# b, ""c"""\n0.1, "2" ,plain\n', { rate: 10 });
    expect(Array.from(rec.streams[0]!.data)).toEqual([1, 2]);
    expect(rec.labels!.map((l) => l.label)).toEqual(['a\n# b, "c"', 'plain']);
    expect(failure('t,ecg,label\n0,1,ab"c\n0.1,2,x"\n')).toMatchObject({ code: 'E_PARSE', details: { line: 2, column: 3 } });
    expect(failure('t,ecg,label\n0,1,"ab"c\n')).toMatchObject({ code: 'E_PARSE', details: { line: 2, column: 3 } });
    const open = failure('t,ecg,label\n0,1,x\n0.1,2,"never closed\n0.2,3,y\n');
    expect(open).toMatchObject({ code: 'E_PARSE', details: { line: 3 } });
    expect(open.message).toMatch(/not closed/);
  });

  it('holds at most 1 MiB of a record whose quote is not closed', () => {
    const lines = ['t,ecg,label', '0,1,"open'];
    for (let i = 0; i < 40; i++) lines.push('x'.repeat(30_000));
    expect(failure(lines.join('\n'))).toMatchObject({ code: 'E_PARSE', details: { line: 2, limit: 1 << 20 } });
  });

  it('rejects ragged rows', () => {
    const err = failure('t,ax,ay,az\n0,1,2,3\n0.02,1,2\n');
    expect(err).toMatchObject({ code: 'E_PARSE', details: { line: 3, fields: 3, expected: 4 } });
  });

  it('rejects time going backwards and repeating', () => {
    const back = failure('t,ecg\n0,1\n0.01,1\n0.005,1\n');
    expect(back).toBeInstanceOf(InputError);
    expect(back).toMatchObject({ code: 'E_NON_MONOTONIC', details: { line: 4, column: 1 } });
    expect(failure('t,ecg\n0,1\n0,1\n')).toMatchObject({ code: 'E_DUPLICATE_TIMESTAMP' });
    expect(failure('t,ecg\n0,1\n,1\n')).toMatchObject({ code: 'E_PARSE', details: { line: 3 } });
  });

  it('rejects an empty file, a header without rows and a file without signal columns', () => {
    expect(failure('')).toMatchObject({ code: 'E_PARSE' });
    expect(failure('\n# only a comment\n')).toMatchObject({ code: 'E_PARSE' });
    expect(failure('t,ecg\n')).toMatchObject({ code: 'E_PARSE' });
    expect(failure('t,x,y\n0,1,2\n').message).toMatch(/no signal columns/);
  });

  it('rejects incomplete axis groups, duplicate columns and unknown units', () => {
    expect(failure('t,ax,ay\n0,1,2\n')).toMatchObject({ code: 'E_PARSE', details: { missing: ['az'] } });
    expect(failure('t,ax,ay,az,gx\n0,1,2,3,4\n')).toMatchObject({ code: 'E_PARSE', details: { missing: ['gy', 'gz'] } });
    expect(failure('t,ecg,ecg\n0,1,2\n')).toMatchObject({ code: 'E_PARSE' });
    const unit = failure('t,ecg[volts]\n0,1\n');
    expect(unit).toMatchObject({ code: 'E_UNIT', details: { column: 2, unit: 'volts' } });
    expect(unit.message).toMatch(/mV/);
  });
});

describe('formatCsv', () => {
  it('writes what parseCsv reads back, units and labels included', () => {
    const data = new Float32Array([0, 0, 1, 0.5, 0, 0, 0.25, -1, 0, 0, 0, 0]);
    const rec = createRecording({
      rate: 50,
      streams: [
        { kind: 'imu', channels: ['ax', 'ay', 'az', 'gx', 'gy', 'gz'].map((name, i) => ({ name, unit: i < 3 ? 'g' : 'rad/s' })), data },
      ],
      labels: [{ label: 'walking', start: 1, end: 2 }],
    });
    const text = formatCsv(rec);
    expect(text.split('\n')[0]).toBe('t,ax[g],ay[g],az[g],gx,gy,gz,label');
    expect(text.split('\n')[1]).toBe('0,0,0,1,0.5,0,0,');
    const back = parseCsv(text);
    expect(back.rate).toBe(50);
    expect(Array.from(back.streams[0]!.data)).toEqual(Array.from(data));
    expect(back.streams[0]!.channels).toEqual(rec.streams[0]!.channels);
    expect(back.labels).toEqual(rec.labels);
  });

  it('writes labels and channel names with commas, quotes and line breaks quoted, never as a spreadsheet formula', () => {
    const labels = ['=HYPERLINK("http://evil.test")', 'walk, "fast"\nthen 1,2,3', '-1+1', ' @x '];
    const rec = createRecording({
      rate: 10,
      streams: [
        {
          kind: 'ecg',
          channels: [
            { name: 'ecg', unit: 'mV' },
            { name: '+lead, "II"', unit: 'mV' },
          ],
          data: new Float32Array(8).map((_, i) => i / 4),
        },
      ],
      labels: labels.map((label, i) => ({ label, start: i, end: i + 1 })),
    });
    const text = formatCsv(rec);
    const rows = rfc4180(text);
    expect(rows.map((r) => r.length)).toEqual([4, 4, 4, 4, 4]);
    expect(rows[0]).toEqual(['t', 'ecg', `'+lead, "II"[mV]`, 'label']);
    for (const row of rows) for (const cell of row) expect(cell, cell).not.toMatch(/^[=+@\t\r]|^-[^\d]/);
    const back = parseCsv(text);
    expect(back.labels!.map((l) => l.label)).toEqual(['\'=HYPERLINK("http://evil.test")', labels[1], "'-1+1", ' @x ']);
    expect(Array.from(back.streams[0]!.data)).toEqual([0, 2, 4, 6].map((i) => i / 4));
  });

  it('keeps irregular timestamps and converts nothing silently', () => {
    const rec = createRecording({
      rate: 100,
      timestamps: new Float64Array([10, 10.01, 10.5, 10.51]),
      streams: [
        {
          kind: 'acc',
          channels: ['ax', 'ay', 'az'].map((name) => ({ name, unit: 'm/s^2' })),
          data: new Float32Array(12).fill(STANDARD_GRAVITY),
        },
      ],
    });
    const back = parseCsv(formatCsv(rec));
    expect(Array.from(back.timestamps!)).toEqual([10, 10.01, 10.5, 10.51]);
    expect(back.streams[0]!.data[0]).toBeCloseTo(STANDARD_GRAVITY, 5);
  });
});
