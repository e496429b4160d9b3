// A hand-drawn SVG time-series chart for the live view: one line per series over the window
// (gaps where a series has no value), a zero-based y axis with three grid lines, and seconds ago
// on the x axis. Sized in pixels of its container, so its text never scales.
import { s } from './dom.js';

const PAD = { left: 44, right: 10, top: 10, bottom: 22 };

/** A pleasant upper bound for an axis: 1, 2 or 5 times a power of ten, at least `floor`. */
export function niceMax(value, floor = 1) {
  const v = Math.max(value, floor);
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * p).find((m) => m >= v);
}

/**
 * `lineChart({ width, height, label, series: [{ cls, values, dashed }], format, floor, span })`:
 * `values` are numbers or null, oldest first, all of the same length, covering the last `span`
 * seconds; `label` is the chart's accessible name (the caller puts the latest values in it).
 */
export function lineChart({ width, height = 150, label, series, format = String, floor = 1, span = 60 }) {
  const n = Math.max(...series.map((x) => x.values.length), 2);
  const max = niceMax(Math.max(0, ...series.flatMap((x) => x.values.filter((v) => v !== null && Number.isFinite(v)))), floor);
  const w = Math.max(width, 120);
  const innerW = w - PAD.left - PAD.right;
  const innerH = height - PAD.top - PAD.bottom;
  const x = (i) => PAD.left + (innerW * i) / (n - 1);
  const y = (v) => PAD.top + innerH - (innerH * v) / max;
  const svg = s('svg', { width: w, height, viewBox: `0 0 ${w} ${height}`, role: 'img', 'aria-label': label, class: 'chart' });
  for (const frac of [0, 0.5, 1]) {
    const v = max * frac;
    svg.append(s('line', { x1: PAD.left, x2: w - PAD.right, y1: y(v), y2: y(v), class: 'grid' }), s('text', { x: PAD.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, format(v)));
  }
  const lastIndex = n - 1;
  for (const [i, text] of [
    [0, `-${span}s`],
    [lastIndex / 2, `-${Math.round(span / 2)}s`],
    [lastIndex, 'now'],
  ]) {
    svg.append(s('text', { x: x(i), y: height - 6, 'text-anchor': i === 0 ? 'start' : i === lastIndex ? 'end' : 'middle', class: 'tick' }, text));
  }
  for (const line of series) {
    let d = '';
    let pen = false;
    line.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    if (d) svg.append(s('path', { d, class: `line ${line.cls}${line.dashed ? ' dashed' : ''}` }));
  }
  return svg;
}

/** A horizontal gauge: the observed share with its interval band and the configured mark. */
export function shareGauge({ width, observed, interval, configured, label }) {
  const w = Math.max(width, 120);
  const top = Math.max(configured ?? 0, interval ? interval[1] * 100 : 0, observed === null ? 0 : observed * 100);
  const max = Math.min(100, niceMax(top * 1.25, 1));
  const x = (pct) => 8 + ((w - 16) * Math.min(pct, max)) / max;
  const svg = s('svg', { width: w, height: 46, viewBox: `0 0 ${w} 46`, role: 'img', 'aria-label': label, class: 'gauge' });
  svg.append(s('rect', { x: 8, y: 12, width: w - 16, height: 12, class: 'track' }));
  if (interval) svg.append(s('rect', { x: x(interval[0] * 100), y: 12, width: Math.max(1, x(interval[1] * 100) - x(interval[0] * 100)), height: 12, class: 'band' }));
  if (observed !== null) svg.append(s('circle', { cx: x(observed * 100), cy: 18, r: 5, class: 'observed' }));
  if (configured !== null && configured !== undefined) svg.append(s('line', { x1: x(configured), x2: x(configured), y1: 6, y2: 30, class: 'configured' }));
  svg.append(s('text', { x: 8, y: 42, class: 'tick' }, '0 %'), s('text', { x: w - 8, y: 42, 'text-anchor': 'end', class: 'tick' }, `${max} %`));
  return svg;
}
