import { writeCsvFile } from '../io/csv.js';
import { InputError } from '../errors.js';
import { simulateEcg } from '../sources/ecg-sim.js';
import { simulateImu } from '../sources/imu-sim.js';
import { ACTIVITIES, type Activity } from '../sources/imu-activities.js';
import { checkFrames, choiceFlag, LIMITS, numberFlag, rateFlag, secondsFlag } from './args.js';
import { flagCommand } from './command.js';

const USAGE = `scl-wear simulate --kind ecg|imu --seconds N --out FILE.csv [options]

Writes a synthetic recording as CSV (the format scl-wear replay reads): an ECG from the
McSharry dynamical model (mV), or a waist IMU doing activities (ax,ay,az + gx,gy,gz, label).

  --kind K          ecg | imu (required)
  --seconds N       duration in seconds (required unless --activities is given)
  --out FILE        the CSV file to write (required)
  --rate HZ         sample rate (default 250 for ecg, 50 for imu)
  --seed S          seed (default 0): the same options and seed give the same file
  --no-time         leave out the t column (readers then need --rate)
  ecg:
  --heart-rate BPM  mean heart rate (default 60)
  --noise MV        white noise standard deviation in mV (default 0.02)
  imu:
  --activities L    e.g. standing:10,walking:30,sitting:10 (default: the six activities, equal shares)
  --acc-unit U      g | m/s2 (default m/s2)`;

const FLAGS = {
  kind: 'string',
  seconds: 'string',
  out: 'string',
  rate: 'string',
  seed: 'string',
  'no-time': 'boolean',
  'heart-rate': 'string',
  noise: 'string',
  activities: 'string',
  'acc-unit': 'string',
} as const;

function activityList(text: string | undefined, seconds: number | undefined): { activity: Activity; seconds: number }[] {
  if (text === undefined) {
    if (seconds === undefined)
      throw new InputError('E_ARGUMENT', '--seconds or --activities is required', { details: { argument: 'seconds' } });
    return ACTIVITIES.map((activity) => ({ activity, seconds: seconds / ACTIVITIES.length }));
  }
  return text.split(',').map((part) => {
    const [name, secs] = part.split(':');
    const activity = choiceFlag(name?.trim(), 'activities', ACTIVITIES, undefined);
    if (!activity)
      throw new InputError('E_ARGUMENT', `--activities: empty entry in ${JSON.stringify(text)}`, { details: { argument: 'activities' } });
    return {
      activity,
      seconds: numberFlag(secs ?? '', 'activities', 0, {
        ok: (n) => n > 0 && n <= LIMITS.maxSeconds,
        expected: `name:seconds pairs with seconds above 0 and at most ${LIMITS.maxSeconds}`,
      }),
    };
  });
}

/** `scl-wear simulate`: writes a synthetic ECG or IMU recording as CSV. */
export const simulateCommand = flagCommand({
  name: 'simulate',
  usage: USAGE,
  flags: FLAGS,
  async run(f, io) {
    const kind = choiceFlag(f.kind, 'kind', ['ecg', 'imu'], undefined);
    if (!kind || !f.out)
      throw new InputError('E_ARGUMENT', '--kind ecg|imu and --out FILE.csv are required (see scl-wear simulate --help)', {
        details: { argument: kind ? 'out' : 'kind' },
      });
    const seconds = secondsFlag(f.seconds, 'seconds', undefined);
    const seed = numberFlag(f.seed, 'seed', 0, { ok: Number.isInteger, expected: 'an integer' });
    const rate = rateFlag(f.rate, 'rate', kind === 'ecg' ? 250 : 50);
    const time = !f['no-time'];
    if (kind === 'ecg') {
      if (seconds === undefined)
        throw new InputError('E_ARGUMENT', '--seconds is required for --kind ecg', { details: { argument: 'seconds' } });
      const heartRate = numberFlag(f['heart-rate'], 'heart-rate', 60, {
        ok: (n) => n >= 20 && n <= 250,
        expected: 'a heart rate from 20 to 250 bpm',
      });
      const noise = numberFlag(f.noise, 'noise', 0.02, { ok: (n) => n >= 0, expected: 'a non-negative number of mV' });
      checkFrames(seconds, rate, LIMITS.maxFrames, 'seconds');
      const { recording, rPeaks } = simulateEcg({ seconds, rate, heartRate, noise, seed });
      await writeCsvFile(f.out, recording, { time });
      io.out(`wrote ${f.out}: ECG, ${recording.length} frames at ${rate} Hz, ${rPeaks.length} beats (${heartRate} bpm mean), seed ${seed}`);
      return 0;
    }
    const accUnit = choiceFlag(f['acc-unit'], 'acc-unit', ['g', 'm/s2', 'm/s^2'], 'm/s2') === 'g' ? 'g' : 'm/s^2';
    const activities = activityList(f.activities, seconds);
    checkFrames(
      activities.reduce((sum, a) => sum + a.seconds, 0),
      rate,
      LIMITS.maxFrames,
      f.activities ? 'activities' : 'seconds',
    );
    const { recording, segments } = simulateImu({ activities, rate, accUnit, seed });
    await writeCsvFile(f.out, recording, { time });
    io.out(`wrote ${f.out}: IMU, ${recording.length} frames at ${rate} Hz (${segments.map((s) => s.activity).join(', ')}), seed ${seed}`);
    return 0;
  },
});
