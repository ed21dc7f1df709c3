// Markdown rows of the honest ECG figures (`evaluateEcg(...).honest`) for the ablation scripts.
import type { EcgHonestFigures } from '../src/training/eval-ecg-honest.js';

/** Columns by key: header and figure. */
export const ECG_COLUMNS = {
  retrieval: ['cross-half retrieval, z_inv', (h: EcgHonestFigures) => h.crossHalf.inv],
  spectral: ['DFT baseline (same windows)', (h: EcgHonestFigures) => h.crossHalf.spectral],
  p5: ['centred cos p5', (h: EcgHonestFigures) => h.invariance.p5],
  mean: ['centred cos mean', (h: EcgHonestFigures) => h.invariance.mean],
  worst: ['worst window', (h: EcgHonestFigures) => h.invariance.worst],
  phaseVar: ['phase R² z_var', (h: EcgHonestFigures) => h.phaseProbe.var],
  phaseInv: ['phase R² z_inv', (h: EcgHonestFigures) => h.phaseProbe.inv],
  beat: ['beat probe z_inv', (h: EcgHonestFigures) => h.beatProbe.inv],
  rhythm: ['rhythm probe z_inv', (h: EcgHonestFigures) => h.rhythmProbe.inv],
} as const;
type Key = keyof typeof ECG_COLUMNS;

/** Header lines of a table with a model column, a setting column and `keys`. */
export const ecgHead = (setting: string, keys: readonly Key[]) => [
  `| model | ${setting} | ${keys.map((k) => ECG_COLUMNS[k][0]).join(' | ')} |`,
  `| --- | --- | ${keys.map(() => '---').join(' | ')} |`,
];

/** One row: `keys` of `h`, 4 decimals, `–` for NaN. */
export const ecgRow = (label: string, setting: string, h: EcgHonestFigures, keys: readonly Key[]) =>
  `| ${label} | ${setting} | ${keys
    .map((k) => ECG_COLUMNS[k][1](h))
    .map((v) => (Number.isNaN(v) ? '–' : v.toFixed(4)))
    .join(' | ')} |`;
