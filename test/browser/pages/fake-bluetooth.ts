// A fake Web Bluetooth device for browser tests: requestDevice → gatt.connect →
// getPrimaryService → getCharacteristic → startNotifications / writeValue / readValue, with
// `characteristicvaluechanged` and `gattserverdisconnected` events. Every GATT call is logged so
// tests can check what the SDK did to the device; controls simulate link loss and refusals.

const BASE = '-0000-1000-8000-00805f9b34fb';
/** Web Bluetooth's canonical form of a UUID (16-bit numbers expand to the Bluetooth base UUID). */
export const uuid = (u: string | number) => (typeof u === 'number' ? `0000${u.toString(16).padStart(4, '0')}${BASE}` : u.toLowerCase());

const dom = (name: string, message: string) => new DOMException(message, name);

export class FakeCharacteristic extends EventTarget {
  value: DataView | null = null;
  notifying = false;
  readonly writes: number[][] = [];
  /** Answers writes (e.g. the PMD control point). */
  onWrite: ((bytes: number[]) => void) | undefined;
  /** What `readValue` returns. */
  readBytes: number[] = [];

  constructor(
    readonly uuid: string,
    private readonly device: FakeDevice,
  ) {
    super();
  }

  async startNotifications(): Promise<this> {
    this.device.check(`startNotifications ${this.uuid}`);
    this.notifying = true;
    return this;
  }

  async stopNotifications(): Promise<this> {
    this.device.check(`stopNotifications ${this.uuid}`);
    this.notifying = false;
    return this;
  }

  async readValue(): Promise<DataView> {
    this.device.check(`readValue ${this.uuid}`);
    this.value = new DataView(Uint8Array.from(this.readBytes).buffer);
    return this.value;
  }

  async writeValueWithResponse(value: BufferSource): Promise<void> {
    const bytes = Array.from(
      ArrayBuffer.isView(value) ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : new Uint8Array(value),
    );
    this.device.check(`write ${this.uuid} ${bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ')}`);
    this.writes.push(bytes);
    // The device answers after the write completes, as a notification.
    setTimeout(() => this.onWrite?.(bytes), 1);
  }

  writeValue(value: BufferSource): Promise<void> {
    return this.writeValueWithResponse(value);
  }

  /** Sends a notification (dropped unless notifying on a connected link). Returns whether sent. */
  notify(bytes: ArrayLike<number>): boolean {
    if (!this.notifying || !this.device.gatt.connected) return false;
    this.value = new DataView(Uint8Array.from(bytes).buffer);
    this.dispatchEvent(new Event('characteristicvaluechanged'));
    return true;
  }
}

export class FakeService {
  readonly chars = new Map<string, FakeCharacteristic>();
  constructor(
    readonly uuid: string,
    private readonly device: FakeDevice,
  ) {}

  add(u: string | number): FakeCharacteristic {
    const c = new FakeCharacteristic(uuid(u), this.device);
    this.chars.set(c.uuid, c);
    return c;
  }

  async getCharacteristic(u: string | number): Promise<FakeCharacteristic> {
    this.device.check(`getCharacteristic ${uuid(u)}`);
    const c = this.chars.get(uuid(u));
    if (!c) throw dom('NotFoundError', `No Characteristics matching UUID ${uuid(u)} found in Service.`);
    return c;
  }
}

export class FakeServer {
  connected = false;
  constructor(private readonly device: FakeDevice) {}

  async connect(): Promise<this> {
    this.device.log.push('connect');
    await new Promise((ok) => setTimeout(ok, 2)); // the radio's connection latency: an input, not a wait
    if (this.device.refuseConnects > 0) {
      this.device.refuseConnects--;
      throw dom('NetworkError', 'Bluetooth Device is no longer in range.');
    }
    this.connected = true;
    this.device.connects++;
    return this;
  }

  disconnect(): void {
    this.device.log.push('disconnect');
    if (!this.connected) return;
    this.device.linkDown();
  }

  async getPrimaryService(u: string | number): Promise<FakeService> {
    this.device.check(`getPrimaryService ${uuid(u)}`);
    const s = this.device.services.get(uuid(u));
    if (!s) throw dom('NotFoundError', `No Services matching UUID ${uuid(u)} found in Device.`);
    return s;
  }
}

export class FakeDevice extends EventTarget {
  readonly gatt = new FakeServer(this);
  readonly services = new Map<string, FakeService>();
  readonly log: string[] = [];
  connects = 0;
  /** Number of coming connect attempts to refuse. */
  refuseConnects = 0;

  constructor(
    readonly id: string,
    readonly name: string,
  ) {
    super();
  }

  service(u: string | number): FakeService {
    const s = this.services.get(uuid(u)) ?? new FakeService(uuid(u), this);
    this.services.set(s.uuid, s);
    return s;
  }

  /** Logs a GATT call; rejects like Chrome when the link is down. */
  check(call: string): void {
    this.log.push(call);
    if (!this.gatt.connected) throw dom('NetworkError', 'GATT Server is disconnected. Cannot perform GATT operations.');
  }

  /** The link drops (out of range): notifications stop, `gattserverdisconnected` fires. */
  linkDown(): void {
    this.gatt.connected = false;
    for (const s of this.services.values()) for (const c of s.chars.values()) c.notifying = false;
    this.log.push('link down');
    this.dispatchEvent(new Event('gattserverdisconnected'));
  }
}

/** What `navigator.bluetooth.requestDevice` does in the fake. */
export interface FakeChooser {
  device: FakeDevice | undefined;
  /** Error name to reject with (e.g. NotFoundError = user cancelled). */
  reject?: string;
  lastOptions?: unknown;
}

/** Installs `navigator.bluetooth` (or removes it when `chooser` is undefined). */
export function installBluetooth(chooser: FakeChooser | undefined): void {
  const api = chooser && {
    async requestDevice(options: unknown) {
      chooser.lastOptions = options;
      if (chooser.reject) throw dom(chooser.reject, 'User cancelled the requestDevice() chooser.');
      if (!chooser.device) throw dom('NotFoundError', 'No device found');
      return chooser.device;
    },
  };
  Object.defineProperty(navigator, 'bluetooth', { value: api, configurable: true, writable: true });
}
