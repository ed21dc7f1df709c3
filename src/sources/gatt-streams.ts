import { catchError, EMPTY, map, Observable, switchMap, throwError } from 'rxjs';
import { isLinkLoss, toSourceError } from './ble-errors.js';
import type { BleLink } from './ble-link.js';
import type { BleCharacteristic } from './ble-types.js';
import type { GattSession } from './gatt-session.js';

/** A value from a session, tagged with the session's generation (which changes on reconnect). */
export interface FromSession<T> {
  readonly value: T;
  readonly generation: number;
}

/**
 * Runs `body` on every session of a link: started on connect, started again after each
 * reconnect (the subscriber stays subscribed), stopped on release. An error that means the
 * link broke (E_DISCONNECTED, E_TIMEOUT) triggers reconnection; any other error ends the stream.
 *
 * @param link - the device link
 * @param body - the per-session stream; its teardown releases what it started
 * @param what - the operation, for error messages
 */
export function whileConnected<T>(link: BleLink, body: (s: GattSession) => Observable<T>, what: string): Observable<FromSession<T>> {
  return link.session$.pipe(
    switchMap((session) =>
      body(session).pipe(
        map((value) => ({ value, generation: session.generation })),
        catchError((err: unknown) => {
          const e = toSourceError(err, what);
          if (isLinkLoss(e)) {
            session.lost(e);
            return EMPTY;
          }
          return throwError(() => e);
        }),
      ),
    ),
  );
}

/**
 * Notifications of one characteristic on a session. Teardown removes the listener and, while
 * the session lives, stops notifications on the device.
 *
 * @param session - the GATT session
 * @param service - service UUID
 * @param characteristic - characteristic UUID
 */
export function notifications(session: GattSession, service: string | number, characteristic: string | number): Observable<DataView> {
  return new Observable<DataView>((subscriber) => {
    let char: BleCharacteristic | undefined;
    let done = false;
    const onValue = (ev: Event) => {
      const value = (ev.target as BleCharacteristic | null)?.value;
      if (value) subscriber.next(value);
    };
    session
      .run(async () => {
        const svc = await session.server.getPrimaryService(service);
        const c = await svc.getCharacteristic(characteristic);
        if (done) return;
        char = c;
        c.addEventListener('characteristicvaluechanged', onValue);
        await c.startNotifications();
      })
      .catch((err: unknown) => subscriber.error(toSourceError(err, `subscribing to ${String(characteristic)}`)));
    return () => {
      done = true;
      const c = char;
      if (!c) return;
      c.removeEventListener('characteristicvaluechanged', onValue);
      if (session.isAlive) session.run(() => c.stopNotifications()).catch(() => undefined);
    };
  });
}
