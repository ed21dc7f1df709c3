// The units the example plots show, and the factor from a stream's unit to them (per batch,
// never per sample).
import { STANDARD_GRAVITY, type Unit } from 'scl-wear';

/** Units the plots are drawn in: ECG in mV, acceleration in g, rotation rate in rad/s. */
export type DisplayUnit = 'mV' | 'g' | 'rad/s';

const FACTORS: Record<DisplayUnit, Partial<Record<Unit, number>>> = {
  mV: { mV: 1, uV: 1e-3 },
  g: { g: 1, 'm/s^2': 1 / STANDARD_GRAVITY },
  'rad/s': { 'rad/s': 1, 'deg/s': Math.PI / 180 },
};

/** Multiplier from `unit` to `display`; NaN when the two measure different things. */
export function displayFactor(unit: Unit, display: DisplayUnit): number {
  return FACTORS[display][unit] ?? NaN;
}

/** Spoken names of the units, for text alternatives. */
export const UNIT_NAMES: Record<DisplayUnit, string> = { mV: 'millivolts', g: 'g (standard gravity)', 'rad/s': 'radians per second' };
