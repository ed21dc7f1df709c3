import { Observable } from 'rxjs';
import { SourceError } from '../errors.js';
import { toSourceError } from './ble-errors.js';
import { hostSeconds } from './clock.js';
import type { GattSession } from './gatt-session.js';
import type { PmdClient } from './pmd-client.js';
import { PMD_ALREADY_IN_STATE, PMD_OP, type PmdResponse } from './pmd-control-format.js';
import { parsePmdFrame, type PmdFrame } from './pmd-frame.js';
import { encodePmdSelection, parsePmdSettings, type PmdSelection } from './pmd-settings.js';

/** A decoded frame with its host arrival time in s. */
export interface ArrivedFrame {
  readonly frame: PmdFrame;
  readonly arrival: number;
}

/**
 * Starts one measurement on the sensor and streams its frames; teardown stops it on the
 * sensor. A start refused with "already in state" (left running by an earlier page) is
 * answered with stop + start. Frames that arrive before the start response are held until the
 * response gives the scale factor.
 *
 * @param session - the GATT session
 * @param client - the session's PMD client
 * @param type - measurement type id
 * @param selection - settings to start with
 * @returns frames; errors: SourceError `E_PROTOCOL` (refused start, bad frame),
 *   `E_DISCONNECTED` (the sensor stopped the measurement; the link reconnects)
 */
export function pmdMeasurement(session: GattSession, client: PmdClient, type: number, selection: PmdSelection): Observable<ArrivedFrame> {
  return new Observable<ArrivedFrame>((subscriber) => {
    let factor: number | undefined;
    let released = false;
    const emit = (view: DataView, arrival: number) => {
      try {
        subscriber.next({ frame: parsePmdFrame(view, factor), arrival });
      } catch (err) {
        subscriber.error(toSourceError(err, 'Polar measurement frame'));
      }
    };
    const held$: DataView[] = [];
    const heldAt: number[] = [];
    const data = client.frames.subscribe((view) => {
      if (view.byteLength === 0 || (view.getUint8(0) & 0x3f) !== type) return;
      if (factor === undefined) {
        held$.push(new DataView(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength)));
        heldAt.push(hostSeconds());
        return;
      }
      session.healthy();
      emit(view, hostSeconds());
    });
    const stops = client.stopped.subscribe((types) => {
      if (types.includes(type)) subscriber.error(new SourceError('E_DISCONNECTED', `the sensor stopped measurement ${type}`));
    });
    const start = async (): Promise<PmdResponse> => {
      const params = encodePmdSelection(selection);
      let r = await client.request(PMD_OP.start, type, params);
      if (r.status === PMD_ALREADY_IN_STATE) {
        await client.request(PMD_OP.stop, type);
        r = await client.request(PMD_OP.start, type, params);
      }
      return r;
    };
    start().then(
      (r) => {
        if (released) return;
        if (r.status !== 0) {
          subscriber.error(
            new SourceError('E_PROTOCOL', `the sensor refused to start measurement ${type}: ${r.statusName}`, {
              details: { status: r.status, statusName: r.statusName, selection },
            }),
          );
          return;
        }
        try {
          factor = parsePmdSettings(r.params).factor?.[0] ?? 1;
        } catch (err) {
          subscriber.error(toSourceError(err, `start response of measurement ${type}`));
          return;
        }
        held$.forEach((v, i) => emit(v, heldAt[i] as number));
        held$.length = 0;
      },
      (err: unknown) => subscriber.error(toSourceError(err, `starting measurement ${type}`)),
    );
    return () => {
      released = true;
      data.unsubscribe();
      stops.unsubscribe();
      if (session.isAlive) client.request(PMD_OP.stop, type).catch(() => undefined);
    };
  });
}
