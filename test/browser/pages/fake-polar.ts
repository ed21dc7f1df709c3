// A fake Polar H10 on top of the fake GATT device: Heart Rate Service plus the PMD service, whose
// control point answers get-settings / start / stop like the sensor (per Polar's published
// PMD specification), and helpers to build measurement frames.
import { le, pmdHeader } from '../../sources/pmd-bytes.js';
import { FakeDevice, type FakeCharacteristic } from './fake-bluetooth.js';

export const PMD_SERVICE = 'fb005c80-02e7-f387-1cad-8acd2d8df0c8';
export const PMD_CP = 'fb005c81-02e7-f387-1cad-8acd2d8df0c8';
export const PMD_DATA = 'fb005c82-02e7-f387-1cad-8acd2d8df0c8';

const ECG_SETTINGS = [0x00, 0x01, 0x82, 0x00, 0x01, 0x01, 0x0e, 0x00];
const ACC_SETTINGS = [
  0x00, 0x04, 0x19, 0x00, 0x32, 0x00, 0x64, 0x00, 0xc8, 0x00, 0x01, 0x01, 0x10, 0x00, 0x02, 0x03, 0x02, 0x00, 0x04, 0x00, 0x08, 0x00,
];

export interface FakePolar {
  device: FakeDevice;
  hr: FakeCharacteristic;
  cp: FakeCharacteristic;
  data: FakeCharacteristic;
  /** Measurement types running on the sensor. */
  running: Set<number>;
  /** Status to answer the next start with (0 = success). */
  startStatus: number;
  /** Factor setting sent back in start responses (none when undefined). */
  startFactor: number | undefined;
}

export function fakePolar(name = 'Polar H10 ABCD1234'): FakePolar {
  const device = new FakeDevice('polar-1', name);
  const hr = device.service(0x180d).add(0x2a37);
  const pmd = device.service(PMD_SERVICE);
  const cp = pmd.add(PMD_CP);
  const data = pmd.add(PMD_DATA);
  cp.readBytes = [0x0f, 0x05, 0x00];
  const polar: FakePolar = { device, hr, cp, data, running: new Set(), startStatus: 0, startFactor: undefined };
  cp.onWrite = ([op, type]) => {
    const t = type! & 0x3f;
    if (op === 1) {
      cp.notify([0xf0, 1, t, 0, 0, ...(t === 0 ? ECG_SETTINGS : t === 2 ? ACC_SETTINGS : [])]);
    } else if (op === 2) {
      let status = polar.startStatus;
      if (status === 0 && polar.running.has(t)) status = 6; // already in state
      if (status === 0) polar.running.add(t);
      const factor = polar.startFactor === undefined ? [] : [0x05, 0x01, ...f32(polar.startFactor)];
      cp.notify([0xf0, 2, t, status, 0, ...(status === 0 ? factor : [])]);
    } else if (op === 3) {
      const status = polar.running.delete(t) ? 0 : 6;
      cp.notify([0xf0, 3, t, status, 0]);
    }
  };
  // A power-cycled sensor forgets its running measurements.
  device.addEventListener('gattserverdisconnected', () => polar.running.clear());
  return polar;
}

function f32(v: number): number[] {
  return Array.from(new Uint8Array(Float32Array.of(v).buffer));
}

/** ECG frame type 0: int24 µV samples; `ns` = sensor time of the last sample. */
export function ecgFrame(ns: bigint, microvolts: number[]): number[] {
  return [...pmdHeader(0x00, ns, 0x00), ...microvolts.flatMap((v) => le(v, 3))];
}

/** ACC frame type 1: int16 mG x, y, z per sample. */
export function accFrame(ns: bigint, xyz: number[]): number[] {
  return [...pmdHeader(0x02, ns, 0x01), ...xyz.flatMap((v) => le(v, 2))];
}

/** ACC delta frame 0x81: int16 reference then one block of 8-bit deltas. */
export function accDeltaFrame(ns: bigint, rows: number[][]): number[] {
  const ref = rows[0]!.flatMap((v) => le(v, 2));
  const deltas = rows.slice(1).flatMap((row, k) => row.map((v, c) => (v - rows[k]![c]!) & 0xff));
  return [...pmdHeader(0x02, ns, 0x81), ...ref, 8, rows.length - 1, ...deltas];
}
