import { FormatError, InputError } from '../errors.js';
import type { ChannelInfo, SensorKind, Unit } from '../core/batch.js';

/**
 * Unit of the accelerometer columns of a CSV file.
 *
 * @example
 * ```ts
 * import { parseCsv, type AccUnit } from 'scl-wear';
 * const accUnit: AccUnit = 'g'; // columns ax,ay,az hold multiples of 9.80665 m/s²
 * const rec = parseCsv('t,ax,ay,az\n0,0,0,1\n0.02,0,0,1\n', { accUnit }); // stored in g
 * ```
 */
export type AccUnit = 'm/s^2' | 'g';

/** Where the cells of one CSV column go. */
export type ColumnTarget =
  | { readonly type: 'time'; readonly scale: number }
  | { readonly type: 'signal'; readonly stream: number; readonly channel: number; readonly scale: number }
  | { readonly type: 'label' }
  | { readonly type: 'ignore' };

/** The plan made from a header row: one target per column plus the streams it fills. */
export interface ColumnPlan {
  readonly names: readonly string[];
  readonly targets: readonly ColumnTarget[];
  readonly streams: readonly { kind: SensorKind; channels: ChannelInfo[] }[];
  readonly hasTime: boolean;
  readonly hasLabel: boolean;
}

/** Unit spellings accepted in headers (`ax[g]`, `ecg (uV)`) and the unit and factor they map to. */
const UNIT_ALIASES: Record<string, { unit: Unit | 's'; scale: number }> = {
  s: { unit: 's', scale: 1 },
  ms: { unit: 's', scale: 1e-3 },
  mV: { unit: 'mV', scale: 1 },
  uV: { unit: 'mV', scale: 1e-3 },
  µV: { unit: 'mV', scale: 1e-3 },
  'm/s^2': { unit: 'm/s^2', scale: 1 },
  'm/s2': { unit: 'm/s^2', scale: 1 },
  'm/s²': { unit: 'm/s^2', scale: 1 },
  g: { unit: 'g', scale: 1 },
  'rad/s': { unit: 'rad/s', scale: 1 },
  'deg/s': { unit: 'rad/s', scale: Math.PI / 180 },
};

const BY_LOWER = new Map(Object.entries(UNIT_ALIASES).map(([k, v]) => [k.toLowerCase(), v]));

/** Units each column accepts. */
const ALLOWED: Record<string, readonly string[]> = {
  t: ['s'],
  ecg: ['mV'],
  acc: ['m/s^2', 'g'],
  gyro: ['rad/s'],
};

const ACC = ['ax', 'ay', 'az'];
/** Other names of the time column (`time_s` is what session CSV exports write). */
const TIME_ALIASES = ['time', 'time_s'];
const GYRO = ['gx', 'gy', 'gz'];
const HEADER_CELL = /^([A-Za-z_][\w]*)\s*(?:\[([^\]]+)\]|\(([^)]+)\))?$/;

function unitOf(name: string, raw: string | undefined, col: number, line: number, fallback: Unit | 's') {
  if (raw === undefined) return { unit: fallback, scale: 1 };
  const alias = BY_LOWER.get(raw.trim().toLowerCase());
  const group = name === 't' ? 't' : name === 'ecg' ? 'ecg' : ACC.includes(name) ? 'acc' : 'gyro';
  const allowed = ALLOWED[group]!;
  if (!alias || !allowed.includes(alias.unit)) {
    const spellings = Object.keys(UNIT_ALIASES).filter((k) => allowed.includes(UNIT_ALIASES[k]!.unit));
    throw new InputError(
      'E_UNIT',
      `line ${line}, column ${col} (${name}): unknown unit "${raw}"; expected one of ${spellings.join(', ')}`,
      {
        details: { line, column: col, name, unit: raw },
      },
    );
  }
  return alias;
}

/**
 * Reads a header row into a {@link ColumnPlan}.
 *
 * @param cells - the header cells
 * @param line - 1-based line number of the header (for messages)
 * @param accUnit - unit of `ax,ay,az` when the header names none
 * @throws FormatError `E_PARSE` for duplicate or missing columns; InputError `E_UNIT` for a unit
 *   the column does not accept or that contradicts `accUnit`
 */
export function planColumns(cells: readonly string[], line: number, accUnit: AccUnit | undefined): ColumnPlan {
  const names: string[] = [];
  const units = new Map<string, { unit: Unit | 's'; scale: number }>();
  const index = new Map<string, number>();
  cells.forEach((cell, i) => {
    const text = cell.trim();
    const m = HEADER_CELL.exec(text);
    const raw = (m ? m[1]! : text).toLowerCase();
    const name = TIME_ALIASES.includes(raw) ? 't' : raw;
    names.push(name);
    if (index.has(name))
      throw new FormatError('E_PARSE', `line ${line}: column "${name}" appears twice (columns ${index.get(name)! + 1} and ${i + 1})`, {
        details: { line, column: i + 1, name },
      });
    index.set(name, i);
    if (!m || !['t', 'ecg', ...ACC, ...GYRO].includes(name)) return;
    const fallback = name === 't' ? 's' : name === 'ecg' ? 'mV' : ACC.includes(name) ? (accUnit ?? 'm/s^2') : 'rad/s';
    const u = unitOf(name, m[2] ?? m[3], i + 1, line, fallback);
    if (accUnit && ACC.includes(name) && u.unit !== accUnit) {
      throw new InputError(
        'E_UNIT',
        `line ${line}, column ${i + 1} (${name}): header says ${u.unit} but the accelerometer unit was given as ${accUnit}`,
        { details: { line, column: i + 1, name } },
      );
    }
    units.set(name, u);
  });
  const group = (cols: string[], label: string) => {
    const present = cols.filter((c) => index.has(c));
    if (present.length > 0 && present.length < cols.length) {
      const missing = cols.filter((c) => !index.has(c));
      throw new FormatError('E_PARSE', `line ${line}: ${label} columns ${present.join(',')} need ${missing.join(',')} too`, {
        details: { line, missing },
      });
    }
    return present.length === cols.length;
  };
  const hasAcc = group(ACC, 'accelerometer');
  const hasGyro = group(GYRO, 'gyroscope');
  if (!index.has('ecg') && !hasAcc) {
    throw new FormatError(
      'E_PARSE',
      `line ${line}: no signal columns; expected "ecg" and/or "ax,ay,az" (got ${names.join(',') || 'nothing'})`,
      { details: { line, missing: ['ecg', 'ax', 'ay', 'az'] } },
    );
  }
  if (hasGyro && !hasAcc)
    throw new FormatError('E_PARSE', `line ${line}: gyroscope columns need ax,ay,az too`, { details: { line, missing: ACC } });

  const streams: { kind: SensorKind; channels: ChannelInfo[] }[] = [];
  const targets: ColumnTarget[] = names.map(() => ({ type: 'ignore' }));
  const addStream = (kind: SensorKind, cols: string[]) => {
    const stream = streams.length;
    streams.push({ kind, channels: [] });
    for (const c of cols) {
      const u = units.get(c)!;
      targets[index.get(c)!] = { type: 'signal', stream, channel: streams[stream]!.channels.length, scale: u.scale };
      streams[stream]!.channels.push({ name: c, unit: u.unit as Unit });
    }
  };
  if (index.has('ecg')) addStream('ecg', ['ecg']);
  if (hasAcc) addStream(hasGyro ? 'imu' : 'acc', hasGyro ? [...ACC, ...GYRO] : ACC);
  if (index.has('t')) targets[index.get('t')!] = { type: 'time', scale: units.get('t')!.scale };
  if (index.has('label')) targets[index.get('label')!] = { type: 'label' };
  return { names, targets, streams, hasTime: index.has('t'), hasLabel: index.has('label') };
}
