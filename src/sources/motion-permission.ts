import { SourceError } from '../errors.js';

/** `DeviceMotionEvent` as Safari on iOS 13+ extends it. */
interface MotionEventClass {
  requestPermission?: () => Promise<'granted' | 'denied' | 'default'>;
}

/**
 * Asks for permission to read motion sensors where the browser requires it (Safari on iOS
 * 13+), and resolves at once elsewhere. Call it from a user gesture (a click or touch
 * handler): iOS refuses the request otherwise.
 *
 * @throws SourceError `E_UNAVAILABLE` when the browser has no `DeviceMotionEvent` or the page
 *   is not a secure context (https), `E_PERMISSION` when the user denies access or the call
 *   did not come from a user gesture
 * @example
 * ```ts
 * import { requestMotionPermission, deviceMotionSource } from 'scl-wear';
 * startButton.onclick = async () => {
 *   await requestMotionPermission();
 *   deviceMotionSource().subscribe((batch) => console.log(batch.rate));
 * };
 * ```
 */
export async function requestMotionPermission(): Promise<void> {
  const g = globalThis as { DeviceMotionEvent?: MotionEventClass; isSecureContext?: boolean };
  if (g.isSecureContext === false) {
    throw new SourceError('E_UNAVAILABLE', 'motion sensors need a secure context: serve the page over https (or from localhost)');
  }
  const Dme = g.DeviceMotionEvent;
  if (!Dme) throw new SourceError('E_UNAVAILABLE', 'this browser has no DeviceMotionEvent');
  if (typeof Dme.requestPermission !== 'function') return;
  let answer: string;
  try {
    answer = await Dme.requestPermission();
  } catch (err) {
    throw new SourceError(
      'E_PERMISSION',
      'motion permission request refused: call requestMotionPermission() from a click or touch handler',
      {
        cause: err,
      },
    );
  }
  if (answer !== 'granted') {
    throw new SourceError('E_PERMISSION', `motion permission ${answer}: allow motion access in the browser's settings for this site`, {
      details: { answer },
    });
  }
}
