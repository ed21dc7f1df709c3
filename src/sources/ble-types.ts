/**
 * The part of the Web Bluetooth API the sources use, typed structurally (TypeScript's DOM
 * library does not ship Web Bluetooth types). Any object of this shape works, which is how
 * tests inject a fake GATT server.
 */

/** A GATT characteristic (`BluetoothRemoteGATTCharacteristic`). */
export interface BleCharacteristic extends EventTarget {
  /** Last value read or notified. */
  readonly value?: DataView | null;
  startNotifications(): Promise<unknown>;
  stopNotifications(): Promise<unknown>;
  readValue(): Promise<DataView>;
  writeValue(value: BufferSource): Promise<void>;
  writeValueWithResponse?(value: BufferSource): Promise<void>;
}

/** A primary GATT service (`BluetoothRemoteGATTService`). */
export interface BleService {
  getCharacteristic(uuid: string | number): Promise<BleCharacteristic>;
}

/** The GATT server of a device (`BluetoothRemoteGATTServer`). */
export interface BleServer {
  readonly connected: boolean;
  connect(): Promise<BleServer>;
  disconnect(): void;
  getPrimaryService(uuid: string | number): Promise<BleService>;
}

/** A Bluetooth device chosen by the user (`BluetoothDevice`); fires `gattserverdisconnected`. */
export interface BleDevice extends EventTarget {
  readonly id: string;
  readonly name?: string | undefined;
  readonly gatt?: BleServer | undefined;
}

/** Filters of `navigator.bluetooth.requestDevice`. */
export interface BleRequestOptions {
  filters?: { services?: (string | number)[]; name?: string; namePrefix?: string }[];
  optionalServices?: (string | number)[];
  acceptAllDevices?: boolean;
}

/** `navigator.bluetooth`. */
export interface BleApi {
  requestDevice(options: BleRequestOptions): Promise<BleDevice>;
}
