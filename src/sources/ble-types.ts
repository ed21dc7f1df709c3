/**
 * The part of the Web Bluetooth API the sources use, typed structurally (TypeScript's DOM
 * library does not ship Web Bluetooth types). Any object of this shape works, which is how
 * tests inject a fake GATT server.
 */

/**
 * A GATT characteristic (`BluetoothRemoteGATTCharacteristic`).
 *
 * @example
 * ```ts
 * import { requestHeartRateDevice } from 'scl-wear';
 * button.onclick = async () => {
 *   const server = await (await requestHeartRateDevice()).gatt!.connect();
 *   const measurement = await (await server.getPrimaryService(0x180d)).getCharacteristic(0x2a37); // a BleCharacteristic
 *   measurement.addEventListener('characteristicvaluechanged', () => console.log(measurement.value?.getUint8(1), 'bpm'));
 *   await measurement.startNotifications();
 * };
 * ```
 */
export interface BleCharacteristic extends EventTarget {
  /** Last value read or notified. */
  readonly value?: DataView | null;
  startNotifications(): Promise<unknown>;
  stopNotifications(): Promise<unknown>;
  readValue(): Promise<DataView>;
  writeValue(value: BufferSource): Promise<void>;
  writeValueWithResponse?(value: BufferSource): Promise<void>;
}

/**
 * A primary GATT service (`BluetoothRemoteGATTService`).
 *
 * @example
 * ```ts
 * import { requestHeartRateDevice } from 'scl-wear';
 * button.onclick = async () => {
 *   const server = await (await requestHeartRateDevice()).gatt!.connect();
 *   const heartRate = await server.getPrimaryService(0x180d); // a BleService (Heart Rate Service)
 *   const measurement = await heartRate.getCharacteristic(0x2a37);
 * };
 * ```
 */
export interface BleService {
  getCharacteristic(uuid: string | number): Promise<BleCharacteristic>;
}

/**
 * The GATT server of a device (`BluetoothRemoteGATTServer`).
 *
 * @example
 * ```ts
 * import { requestHeartRateDevice } from 'scl-wear';
 * button.onclick = async () => {
 *   const device = await requestHeartRateDevice();
 *   console.log(device.gatt?.connected); // device.gatt is a BleServer; false until a source connects
 * };
 * ```
 */
export interface BleServer {
  readonly connected: boolean;
  connect(): Promise<BleServer>;
  disconnect(): void;
  getPrimaryService(uuid: string | number): Promise<BleService>;
}

/**
 * A Bluetooth device chosen by the user (`BluetoothDevice`); fires `gattserverdisconnected`.
 *
 * @example
 * ```ts
 * import { requestHeartRateDevice, heartRateSource, type BleDevice } from 'scl-wear';
 * button.onclick = async () => {
 *   const device: BleDevice = await requestHeartRateDevice();
 *   console.log(device.name ?? device.id);
 *   heartRateSource(device).heartRate$.subscribe(console.log);
 * };
 * ```
 */
export interface BleDevice extends EventTarget {
  readonly id: string;
  readonly name?: string | undefined;
  readonly gatt?: BleServer | undefined;
}

/**
 * Filters of `navigator.bluetooth.requestDevice`.
 *
 * @example
 * ```ts
 * import type { BleRequestOptions } from 'scl-wear';
 * import { requestBleDevice } from 'scl-wear/advanced';
 * const options: BleRequestOptions = { filters: [{ namePrefix: 'Polar' }], optionalServices: [0x180d] }; // chooser filters, allowed services
 * button.onclick = async () => {
 *   const device = await requestBleDevice(options);
 * };
 * ```
 */
export interface BleRequestOptions {
  filters?: { services?: (string | number)[]; name?: string; namePrefix?: string }[];
  optionalServices?: (string | number)[];
  acceptAllDevices?: boolean;
}

/** `navigator.bluetooth`. */
export interface BleApi {
  requestDevice(options: BleRequestOptions): Promise<BleDevice>;
}
