/**
 * Tiny dependency-free SVG charts for the model cards: line chart, heatmap, grouped bars.
 * Output is deterministic (fixed number formatting), so committed figures only change when
 * the numbers do.
 */

/** One line of a {@link lineChart}. */
export interface LineSeries {
  readonly name: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** Optional lower edge of a shaded band (e.g. the per-shift minimum). */
  readonly low?: ArrayLike<number>;
}

/** Axes and size shared by the charts. */
export interface ChartFrame {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Pixels; default 640 × 360. */
  readonly width?: number;
  readonly height?: number;
}

/** Colour-blind-safe palette (Okabe–Ito), in series order. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

const M = { left: 60, right: 150, top: 34, bottom: 46 };
const f = (v: number) => (Math.round(v * 10) / 10).toString();

/** Escapes text for SVG/XML content and attributes, e.g. `escapeXml('a<b')` → `a&lt;b`. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Rounds a tick step to 1, 2 or 5 × 10^k so that about `count` ticks cover the span (`niceStep(100)` → 20). */
export function niceStep(span: number, count = 5): number {
  const raw = span / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3 ? 2 : m < 7 ? 5 : 10) * p;
}

function open(frame: ChartFrame, w: number, h: number): string[] {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif" font-size="12">`,
    `<rect width="${w}" height="${h}" fill="#fff"/>`,
    `<text x="${w / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(frame.title)}</text>`,
    `<text x="${f(M.left + (w - M.left - M.right) / 2)}" y="${h - 8}" text-anchor="middle">${escapeXml(frame.xLabel)}</text>`,
    `<text x="14" y="${f(M.top + (h - M.top - M.bottom) / 2)}" text-anchor="middle" transform="rotate(-90 14 ${f(M.top + (h - M.top - M.bottom) / 2)})">${escapeXml(frame.yLabel)}</text>`,
  ];
}

/** Appends the legend of `series` right of a chart `w` pixels wide, closes the SVG and joins it. */
function closeChart(out: string[], series: readonly { name: string }[], w: number): string {
  out.push(
    ...legend(
      series.map((s) => s.name),
      w - M.right + 12,
      M.top + 10,
    ),
    '</svg>',
  );
  return out.join('\n') + '\n';
}

function legend(names: readonly string[], x: number, y: number): string[] {
  return names.flatMap((n, i) => [
    `<rect x="${x}" y="${y + 18 * i - 9}" width="12" height="10" fill="${PALETTE[i % PALETTE.length]}"/>`,
    `<text x="${x + 18}" y="${y + 18 * i}">${escapeXml(n)}</text>`,
  ]);
}

/**
 * Line chart of one or more series over a shared numeric x axis, with an optional shaded band
 * below each line (from `low` to `y`).
 *
 * @param frame - title, axis labels, size
 * @param series - the lines
 * @param yRange - fixed y range (default: the data's range)
 * @returns the SVG document
 * @example
 * ```ts
 * const svg = lineChart({ title: 'Similarity', xLabel: 'shift', yLabel: 'cos' }, [{ name: 'SCL', x: [0, 1], y: [1, 0.97] }], [0, 1]);
 * ```
 */
export function lineChart(frame: ChartFrame, series: readonly LineSeries[], yRange?: readonly [number, number]): string {
  const w = frame.width ?? 640;
  const h = frame.height ?? 360;
  const xs = series.flatMap((s) => Array.from(s.x));
  const ys = series.flatMap((s) => [...Array.from(s.y), ...(s.low ? Array.from(s.low) : [])]);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = yRange ?? [Math.min(...ys), Math.max(...ys)];
  const px = (v: number) => M.left + ((v - x0) / (x1 - x0 || 1)) * (w - M.left - M.right);
  const py = (v: number) => h - M.bottom - ((v - y0) / (y1 - y0 || 1)) * (h - M.top - M.bottom);
  const out = open(frame, w, h);
  const ystep = niceStep(y1 - y0 || 1);
  for (let v = Math.ceil(y0 / ystep) * ystep; v <= y1 + 1e-9; v += ystep) {
    out.push(`<line x1="${M.left}" x2="${w - M.right}" y1="${f(py(v))}" y2="${f(py(v))}" stroke="#ddd"/>`);
    out.push(`<text x="${M.left - 6}" y="${f(py(v) + 4)}" text-anchor="end">${+v.toFixed(6)}</text>`);
  }
  const xstep = niceStep(x1 - x0 || 1);
  for (let v = Math.ceil(x0 / xstep) * xstep; v <= x1 + 1e-9; v += xstep) {
    out.push(`<text x="${f(px(v))}" y="${h - M.bottom + 16}" text-anchor="middle">${+v.toFixed(6)}</text>`);
  }
  out.push(`<rect x="${M.left}" y="${M.top}" width="${w - M.left - M.right}" height="${h - M.top - M.bottom}" fill="none" stroke="#888"/>`);
  series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length];
    const pts = Array.from(s.x, (x, k) => `${f(px(x))},${f(py(s.y[k] as number))}`);
    if (s.low) {
      const lows = Array.from(s.x, (x, k) => `${f(px(x))},${f(py(s.low![k] as number))}`).reverse();
      out.push(`<polygon points="${[...pts, ...lows].join(' ')}" fill="${color}" fill-opacity="0.15" stroke="none"/>`);
    }
    out.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${color}" stroke-width="2"/>`);
  });
  return closeChart(out, series, w);
}

/**
 * Heatmap of a row-major matrix (e.g. a confusion matrix, rows = truth), each cell labelled.
 *
 * @param frame - title, axis labels, size
 * @param rows - row labels
 * @param cols - column labels
 * @param values - `rows × cols` values; colour scales from 0 to the row's largest value when
 *   `perRow` is set, else to the largest value
 * @param label - text of a cell (default the value)
 * @returns the SVG document
 * @example
 * ```ts
 * const svg = heatmap({ title: 'Confusion', xLabel: 'predicted', yLabel: 'true' }, ['A', 'B'], ['A', 'B'], [9, 1, 2, 8]);
 * ```
 */
export function heatmap(
  frame: ChartFrame,
  rows: readonly string[],
  cols: readonly string[],
  values: ArrayLike<number>,
  label: (v: number, r: number, c: number) => string = (v) => String(v),
  perRow = true,
): string {
  const w = frame.width ?? 560;
  const h = frame.height ?? 460;
  const left = 150;
  const cw = (w - left - 20) / cols.length;
  const ch = (h - M.top - 110) / rows.length;
  const out = open(frame, w, h).slice(0, 3);
  out.push(`<text x="${f(left + (w - left - 20) / 2)}" y="${h - 8}" text-anchor="middle">${escapeXml(frame.xLabel)}</text>`);
  out.push(`<text x="12" y="${M.top + 2}" >${escapeXml(frame.yLabel)}</text>`);
  const all = Math.max(1e-12, ...Array.from(values));
  for (let r = 0; r < rows.length; r++) {
    let rowMax = 1e-12;
    for (let c = 0; c < cols.length; c++) rowMax = Math.max(rowMax, values[r * cols.length + c] as number);
    out.push(`<text x="${left - 6}" y="${f(M.top + 12 + (r + 0.5) * ch + 4)}" text-anchor="end">${escapeXml(rows[r]!)}</text>`);
    for (let c = 0; c < cols.length; c++) {
      const v = values[r * cols.length + c] as number;
      const t = v / (perRow ? rowMax : all);
      const x = left + c * cw;
      const y = M.top + 12 + r * ch;
      const shade = Math.round(255 - 200 * t);
      out.push(
        `<rect x="${f(x)}" y="${f(y)}" width="${f(cw)}" height="${f(ch)}" fill="rgb(${shade},${Math.round(255 - 140 * t)},255)" stroke="#fff"/>`,
      );
      out.push(
        `<text x="${f(x + cw / 2)}" y="${f(y + ch / 2 + 4)}" text-anchor="middle" fill="${t > 0.6 ? '#fff' : '#000'}">${escapeXml(label(v, r, c))}</text>`,
      );
    }
  }
  cols.forEach((c, k) => {
    const x = left + (k + 0.5) * cw;
    const y = M.top + 12 + rows.length * ch + 12;
    out.push(`<text x="${f(x)}" y="${f(y)}" text-anchor="end" transform="rotate(-40 ${f(x)} ${f(y)})">${escapeXml(c)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** One series of a {@link barChart}: a value per category. */
export interface BarSeries {
  readonly name: string;
  readonly values: ArrayLike<number>;
}

/**
 * Grouped bar chart: one group of bars per category, one bar per series (e.g. a histogram of
 * per-window rotation consistency for each model).
 *
 * @param frame - title, axis labels, size
 * @param categories - labels of the groups
 * @param series - bars
 * @returns the SVG document
 * @example
 * ```ts
 * const svg = barChart({ title: 'Consistency', xLabel: 'rotations kept', yLabel: '%' }, ['9', '10'], [{ name: 'SCL', values: [3, 97] }]);
 * ```
 */
export function barChart(frame: ChartFrame, categories: readonly string[], series: readonly BarSeries[]): string {
  const w = frame.width ?? 640;
  const h = frame.height ?? 360;
  const max = Math.max(1e-12, ...series.flatMap((s) => Array.from(s.values)));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const py = (v: number) => h - M.bottom - (v / top) * (h - M.top - M.bottom);
  const gw = (w - M.left - M.right) / categories.length;
  const bw = (gw * 0.8) / Math.max(1, series.length);
  const out = open(frame, w, h);
  for (let v = 0; v <= top + 1e-9; v += step) {
    out.push(`<line x1="${M.left}" x2="${w - M.right}" y1="${f(py(v))}" y2="${f(py(v))}" stroke="#ddd"/>`);
    out.push(`<text x="${M.left - 6}" y="${f(py(v) + 4)}" text-anchor="end">${+v.toFixed(6)}</text>`);
  }
  categories.forEach((c, k) => {
    out.push(`<text x="${f(M.left + (k + 0.5) * gw)}" y="${h - M.bottom + 16}" text-anchor="middle">${escapeXml(c)}</text>`);
    series.forEach((s, i) => {
      const v = s.values[k] as number;
      out.push(
        `<rect class="bar" x="${f(M.left + k * gw + gw * 0.1 + i * bw)}" y="${f(py(v))}" width="${f(bw)}" height="${f(py(0) - py(v))}" fill="${PALETTE[i % PALETTE.length]}"/>`,
      );
    });
  });
  out.push(`<line x1="${M.left}" x2="${w - M.right}" y1="${f(py(0))}" y2="${f(py(0))}" stroke="#888"/>`);
  return closeChart(out, series, w);
}
