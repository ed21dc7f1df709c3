import { Observable, Subject } from 'rxjs';
import { SourceError } from '../errors.js';
import { toSourceError, withTimeout } from './ble-errors.js';
import type { BleCharacteristic } from './ble-types.js';
import type { GattSession } from './gatt-session.js';
import {
  parsePmdFeatures,
  parsePmdResponse,
  parsePmdStopNotice,
  pmdCommand,
  PMD_CONTROL,
  PMD_DATA,
  PMD_RESPONSE_CODE,
  PMD_SERVICE,
  type PmdMeasurementName,
  type PmdResponse,
} from './pmd-control-format.js';

/** The PMD service of one GATT session: control point requests and data frames. */
export interface PmdClient {
  /**
   * Sends a command and waits for its response (joining multi-packet responses).
   * Commands run one at a time.
   */
  request(op: number, type: number, params?: Uint8Array): Promise<PmdResponse>;
  /** Which measurements the sensor offers (control point feature read). */
  features(): Promise<PmdMeasurementName[]>;
  /** Every data notification. */
  readonly frames: Observable<DataView>;
  /** Measurement type ids the sensor stopped on its own. */
  readonly stopped: Observable<number[]>;
}

/**
 * Opens the PMD service on a session: enables notifications on the control point and data
 * characteristics, emits a {@link PmdClient}, and disables them on teardown.
 *
 * @param session - the GATT session
 * @param timeoutMs - time limit of one command's response
 */
export function openPmdClient(session: GattSession, timeoutMs: number): Observable<PmdClient> {
  return new Observable<PmdClient>((subscriber) => {
    const frames = new Subject<DataView>();
    const stopped = new Subject<number[]>();
    // Responses wait in an inbox until the running request takes them.
    const inbox: (PmdResponse | Error)[] = [];
    let wake: (() => void) | undefined;
    let cp: BleCharacteristic | undefined;
    let data: BleCharacteristic | undefined;
    let done = false;
    const onControl = (ev: Event) => {
      const v = (ev.target as BleCharacteristic | null)?.value;
      if (!v || v.byteLength === 0) return;
      if (v.getUint8(0) === PMD_RESPONSE_CODE) {
        try {
          inbox.push(parsePmdResponse(v));
        } catch (err) {
          inbox.push(toSourceError(err, 'PMD control point response'));
        }
        wake?.();
        return;
      }
      const types = parsePmdStopNotice(v);
      if (types) stopped.next(types);
    };
    const onData = (ev: Event) => {
      const v = (ev.target as BleCharacteristic | null)?.value;
      if (v) frames.next(v);
    };
    const take = async (): Promise<PmdResponse> => {
      while (inbox.length === 0) await new Promise<void>((ok) => (wake = ok));
      const r = inbox.shift() as PmdResponse | Error;
      if (r instanceof Error) throw r;
      return r;
    };

    const client: PmdClient = {
      frames: frames.asObservable(),
      stopped: stopped.asObservable(),
      features: () =>
        session.run(async () => {
          if (!cp) throw new SourceError('E_DISCONNECTED', 'PMD control point is closed');
          return parsePmdFeatures(await cp.readValue());
        }),
      request: (op, type, params) =>
        session.run(async () => {
          const c = cp;
          if (!c) throw new SourceError('E_DISCONNECTED', 'PMD control point is closed');
          const what = `PMD command ${op} for measurement ${type}`;
          inbox.length = 0;
          const cmd = pmdCommand(op, type, params);
          await (c.writeValueWithResponse ? c.writeValueWithResponse(cmd) : c.writeValue(cmd));
          let first = await withTimeout(take(), timeoutMs, what);
          while (first.op !== op) first = await withTimeout(take(), timeoutMs, what); // late answer to an earlier command
          const parts = [first.params];
          for (let r = first; r.more;) {
            r = await withTimeout(take(), timeoutMs, what);
            parts.push(r.params);
          }
          const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
          let offset = 0;
          for (const p of parts) {
            joined.set(p, offset);
            offset += p.length;
          }
          return { ...first, more: false, params: joined };
        }),
    };

    session
      .run(async () => {
        const svc = await session.server.getPrimaryService(PMD_SERVICE);
        const c = await svc.getCharacteristic(PMD_CONTROL);
        const d = await svc.getCharacteristic(PMD_DATA);
        if (done) return;
        cp = c;
        data = d;
        c.addEventListener('characteristicvaluechanged', onControl);
        d.addEventListener('characteristicvaluechanged', onData);
        await c.startNotifications();
        await d.startNotifications();
      })
      .then(
        () => !done && subscriber.next(client),
        (err: unknown) => subscriber.error(toSourceError(err, 'opening the Polar measurement service')),
      );
    return () => {
      done = true;
      // Release after the consumers' stop commands (queued by their teardowns in this same
      // unsubscription) have run and been answered.
      queueMicrotask(() => {
        session
          .run(async () => {
            const c = cp;
            const d = data;
            cp = undefined;
            data = undefined;
            c?.removeEventListener('characteristicvaluechanged', onControl);
            d?.removeEventListener('characteristicvaluechanged', onData);
            if (session.isAlive) {
              await d?.stopNotifications().catch(() => undefined);
              await c?.stopNotifications().catch(() => undefined);
            }
          })
          .catch(() => undefined);
        frames.complete();
        stopped.complete();
      });
    };
  });
}
