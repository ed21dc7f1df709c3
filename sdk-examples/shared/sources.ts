// The live sources the examples offer. Every one gives the same SampleBatch streams, so the
// rest of the page never cares where data came from.
import { connectable, Subject, Subscription, type Observable } from 'rxjs';
import {
  deviceMotionSource,
  parseCsv,
  polarH10,
  replay,
  requestMotionPermission,
  requestPolarDevice,
  simulateEcg,
  simulateImu,
  type Recording,
  type SampleBatch,
} from 'scl-wear';
import { truthOf } from './truth.js';

export type SourceName = 'simulator' | 'demo' | 'polar' | 'motion';

/** What the examples offer, in menu order. */
export const SOURCES: { name: SourceName; title: string }[] = [
  { name: 'simulator', title: 'Simulator (ECG + IMU)' },
  { name: 'demo', title: 'Demo recording (MIT-BIH 100 + UCI HAR)' },
  { name: 'polar', title: 'Polar H10 strap (Bluetooth ECG + accelerometer)' },
  { name: 'motion', title: 'Phone motion sensors' },
];

/**
 * The streams of an opened source. They are shared: subscribe to them as often as needed, then
 * call `start()` once, so every subscriber sees the stream from its first batch.
 */
export interface LiveSource {
  readonly name: SourceName;
  readonly ecg$?: Observable<SampleBatch>;
  /** `imu` (accelerometer and gyroscope) or `acc` batches. */
  readonly imu$?: Observable<SampleBatch>;
  /** Kind of the `imu$` batches when known before the first one (phones tell only then). */
  readonly imuKind?: 'imu' | 'acc';
  /** The true activity at a time of the IMU stream, where known (recordings and simulator). */
  readonly truth?: (time: number) => string | undefined;
  /** True when the wearer stands still for the first seconds (an orientation calibration can be taken then). */
  readonly startsStill?: boolean;
  /** Starts the streams (replay, sensors); unsubscribe the result to stop them. */
  start(): Subscription;
}

export interface SourceOptions {
  /** Base URL of the demo recordings (`sdk-examples/data`). */
  dataUrl: URL;
  /** Replay speed of recordings and the simulator (1 = real time). */
  speed: number;
}

/**
 * Activities of the simulated session, in order (seconds each), repeated. The simulated device
 * sits on the body at a random angle, as a phone in a pocket does; the first 10 s of standing
 * give the orientation calibration the motion model needs.
 */
const SIM_SESSION = [
  ['standing', 10],
  ['walking', 12],
  ['upstairs', 10],
  ['sitting', 12],
  ['downstairs', 10],
  ['laying', 12],
] as const;

async function fetchCsv(url: URL): Promise<Recording> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`cannot load ${url.pathname}: HTTP ${res.status}`);
  return parseCsv(await res.text());
}

/** A source from its cold streams: shared, started by `start()`. */
function live(
  name: SourceName,
  streams: { ecg$?: Observable<SampleBatch>; imu$?: Observable<SampleBatch> },
  more: Pick<LiveSource, 'imuKind' | 'truth' | 'startsStill'> = {},
): LiveSource {
  const shared = (s?: Observable<SampleBatch>) =>
    s && connectable(s, { connector: () => new Subject<SampleBatch>(), resetOnDisconnect: false });
  const ecg$ = shared(streams.ecg$);
  const imu$ = shared(streams.imu$);
  return {
    name,
    ...(ecg$ && { ecg$ }),
    ...(imu$ && { imu$ }),
    ...more,
    start: () => {
      const sub = new Subscription();
      if (ecg$) sub.add(ecg$.connect());
      if (imu$) sub.add(imu$.connect());
      return sub;
    },
  };
}

/**
 * Opens a source. Bluetooth and motion sensors ask the user first, so call this from a click.
 *
 * @throws SourceError `E_UNAVAILABLE` / `E_PERMISSION` from the sensors; Error for a missing file
 */
export async function openSource(name: SourceName, options: SourceOptions): Promise<LiveSource> {
  const realtime = { pace: 'realtime', speed: options.speed, batchSeconds: 0.25 } as const;
  switch (name) {
    case 'simulator': {
      const minutes = 5;
      const rounds = Math.ceil((minutes * 60) / SIM_SESSION.reduce((s, [, d]) => s + d, 0));
      const activities = Array.from({ length: rounds }, () => SIM_SESSION.map(([activity, seconds]) => ({ activity, seconds }))).flat();
      const imu = simulateImu({ activities, rate: 50, seed: 7 }).recording;
      const ecg = simulateEcg({ seconds: minutes * 60, rate: 130, heartRate: 68, heartRateStd: 3, seed: 7 }).recording;
      return live(
        name,
        { ecg$: replay(ecg, realtime), imu$: replay(imu, realtime) },
        { imuKind: 'imu', truth: truthOf(imu), startsStill: true },
      );
    }
    case 'demo': {
      const [ecg, imu] = await Promise.all([
        fetchCsv(new URL('demo-ecg.csv', options.dataUrl)),
        fetchCsv(new URL('demo-imu.csv', options.dataUrl)),
      ]);
      return live(
        name,
        { ecg$: replay(ecg, realtime), imu$: replay(imu, realtime) },
        { imuKind: imu.streams[0]?.kind === 'imu' ? 'imu' : 'acc', truth: truthOf(imu) },
      );
    }
    case 'polar': {
      const h10 = polarH10(await requestPolarDevice());
      return live(name, { ecg$: h10.ecg(), imu$: h10.acc() }, { imuKind: 'acc' });
    }
    case 'motion': {
      // Whether the phone has a gyroscope is known from its first event.
      await requestMotionPermission();
      return live(name, { imu$: deviceMotionSource({ batchSeconds: 0.25 }) });
    }
  }
}
