import { SourceError } from '../errors.js';
import { toSourceError } from './ble-errors.js';
import type { BleApi, BleDevice, BleRequestOptions } from './ble-types.js';
import { HEART_RATE_SERVICE } from './heart-rate-format.js';
import { PMD_SERVICE } from './pmd-control-format.js';

/**
 * Returns `navigator.bluetooth`, or throws why it cannot be used.
 *
 * @throws SourceError `E_UNAVAILABLE` outside a secure context (https or localhost) or in a
 *   browser without Web Bluetooth (Safari, Firefox)
 */
export function bluetoothApi(): BleApi {
  const g = globalThis as { isSecureContext?: boolean; navigator?: { bluetooth?: BleApi } };
  if (g.isSecureContext === false) {
    throw new SourceError('E_UNAVAILABLE', 'Web Bluetooth needs a secure context: serve the page over https (or from localhost)');
  }
  const api = g.navigator?.bluetooth;
  if (!api || typeof api.requestDevice !== 'function') {
    throw new SourceError(
      'E_UNAVAILABLE',
      'Web Bluetooth is not available: it exists in Chromium browsers (Chrome, Edge, Opera, Samsung Internet), not in Safari or Firefox',
    );
  }
  return api;
}

/**
 * Opens the browser's device chooser. Must be called from a user gesture (a click handler).
 *
 * @param options - `requestDevice` filters
 * @returns the chosen device (not yet connected)
 * @throws SourceError `E_UNAVAILABLE` without Web Bluetooth, `E_PERMISSION` when the user
 *   cancels the chooser, Bluetooth permission is denied, or no user gesture is active
 * @example
 * ```ts
 * import { requestBleDevice } from 'scl-wear/advanced';
 * button.onclick = async () => {
 *   const device = await requestBleDevice({ filters: [{ services: [0x180d] }] });
 * };
 * ```
 */
export async function requestBleDevice(options: BleRequestOptions): Promise<BleDevice> {
  const api = bluetoothApi();
  try {
    return await api.requestDevice(options);
  } catch (err) {
    const e = toSourceError(err, 'choosing a Bluetooth device', 'E_PERMISSION');
    // Any refusal of the chooser is a permission problem, not a broken link.
    throw e.code === 'E_DISCONNECTED' ? new SourceError('E_PERMISSION', e.message, { cause: err }) : e;
  }
}

/**
 * Asks the user to choose a heart-rate sensor (any device with the standard Heart Rate Service).
 * Call from a click handler.
 *
 * @throws SourceError `E_UNAVAILABLE`, `E_PERMISSION` (see {@link requestBleDevice})
 * @example
 * ```ts
 * import { requestHeartRateDevice, heartRateSource } from 'scl-wear';
 * button.onclick = async () => heartRateSource(await requestHeartRateDevice()).rr$.subscribe(console.log);
 * ```
 */
export function requestHeartRateDevice(): Promise<BleDevice> {
  return requestBleDevice({ filters: [{ services: [HEART_RATE_SERVICE] }] });
}

/**
 * Asks the user to choose a Polar sensor (names starting with "Polar"), with access to the
 * measurement-data (ECG/ACC) and heart-rate services. Call from a click handler.
 *
 * @throws SourceError `E_UNAVAILABLE`, `E_PERMISSION` (see {@link requestBleDevice})
 * @example
 * ```ts
 * import { requestPolarDevice, polarH10 } from 'scl-wear';
 * button.onclick = async () => polarH10(await requestPolarDevice()).ecg().subscribe(console.log);
 * ```
 */
export function requestPolarDevice(): Promise<BleDevice> {
  return requestBleDevice({ filters: [{ namePrefix: 'Polar' }], optionalServices: [PMD_SERVICE, HEART_RATE_SERVICE] });
}
