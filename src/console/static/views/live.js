// Live tab: every second, the stage's requests per second, error rate and p50/p99 latency for
// base and canary (Kanaria's /_kanaria/console/api/live), the observed canary share against the
// configured percentage with its 99.9 % interval, and tails of the execution and access logs.
import { kanaria, stages } from '../aws.js';
import { lineChart, shareGauge } from '../chart.js';
import { h, num, percent1, replaceChildren } from '../dom.js';
import { errorWords } from '../fields.js';
import { groupOfArn, logTail } from '../log-tail.js';
import { section } from '../widgets.js';

const VARIANTS = [
  { id: 'base', label: 'Base (stage)' },
  { id: 'canary', label: 'Canary' },
];

const rate = (p) => (p.count ? ((p.errors4xx + p.errors5xx) / p.count) * 100 : null);
const pct = (x) => `${(x * 100).toFixed(1)} %`;

function summaryTable(view) {
  const head = ['Variant', 'Requests/s', `Requests (${view.seconds} s)`, 'Error rate', '4XX / 5XX', 'p50 ms', 'p99 ms'];
  const row = (v) => {
    const points = view.variants[v.id].points;
    const last = points[points.length - 2] ?? { count: 0 };
    const sum = view.variants[v.id].summary;
    const errors = sum.count ? ((sum.errors4xx + sum.errors5xx) / sum.count) * 100 : 0;
    const cells = [String(last.count), String(sum.count), `${errors.toFixed(1)} %`, `${sum.errors4xx} / ${sum.errors5xx}`, num(sum.latency.p50), num(sum.latency.p99)];
    // data-label names each cell where narrow screens show the rows as cards.
    return h(
      'tr',
      { id: `live-${v.id}` },
      h('th', { scope: 'row' }, h('span', { class: `swatch ${v.id}` }), v.label),
      cells.map((text, i) => h('td', { class: ['rps', 'count', 'errors', 'codes', 'p50', 'p99'][i], 'data-label': head[i + 1] }, text)),
    );
  };
  return h('div', { class: 'table-wrap' }, h('table', { class: 'list live-table' }, h('caption', { class: 'visually-hidden' }, 'Per variant'), h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, VARIANTS.map(row))));
}

function shareBlock(view, configured, width) {
  const { share } = view;
  const inside = share.interval && configured !== null && configured / 100 >= share.interval[0] && configured / 100 <= share.interval[1];
  const verdict = share.total === 0
    ? 'No requests in the window yet.'
    : configured === null
      ? 'This stage has no canary: every request goes to the stage deployment.'
      : inside
        ? 'The configured percentage is inside the interval: the split matches the configuration.'
        : 'The configured percentage is outside the interval: the split does not match it (or it changed during the window).';
  const label = `Canary share ${share.observed === null ? 'unknown' : pct(share.observed)}, configured ${configured === null ? 'none' : `${percent1(configured)} %`}`;
  return h(
    'div',
    { class: 'share', id: 'live-share' },
    h('p', { class: 'big' }, h('span', { id: 'share-observed' }, share.observed === null ? '—' : pct(share.observed)), h('span', { class: 'muted' }, ' observed canary share')),
    h('p', { id: 'share-count' }, `${share.canary} of ${share.total} requests went to the canary in the last ${view.seconds} s.`),
    h('p', {}, 'Configured percentTraffic: ', h('strong', { id: 'share-configured' }, configured === null ? 'no canary' : `${percent1(configured)} %`)),
    h('p', {}, '99.9 % interval of the observed share: ', h('strong', { id: 'share-interval' }, share.interval ? `${pct(share.interval[0])} – ${pct(share.interval[1])}` : '—')),
    shareGauge({ width, observed: share.observed, interval: share.interval, configured, label }),
    h('p', { id: 'share-verdict', class: inside ? 'ok' : 'muted' }, verdict),
  );
}

function charts(view, width) {
  const series = (pick) => VARIANTS.map((v) => ({ cls: v.id, values: view.variants[v.id].points.slice(0, -1).map(pick) }));
  const latest = (values) => values.at(-1);
  const rps = series((p) => p.count);
  const errs = series(rate);
  const lat = VARIANTS.flatMap((v) => {
    const pts = view.variants[v.id].points.slice(0, -1);
    return [
      { cls: v.id, values: pts.map((p) => (p.count ? p.p50 : null)) },
      { cls: v.id, dashed: true, values: pts.map((p) => (p.count ? p.p99 : null)) },
    ];
  });
  const say = (list, unit) => list.map((x, i) => `${VARIANTS[i].label} ${latest(x.values) ?? 'none'}${unit}`).join(', ');
  const figure = (title, chart) => h('figure', { class: 'chart-box' }, h('figcaption', {}, title), chart);
  return [
    figure('Requests per second', lineChart({ width, span: view.seconds, label: `Requests per second, latest: ${say(rps, '')}`, series: rps, format: (v) => num(v) })),
    figure('Error rate (4XX + 5XX, % of requests)', lineChart({ width, span: view.seconds, label: `Error rate, latest: ${say(errs, ' %')}`, series: errs, format: (v) => `${num(v)}%`, floor: 5 })),
    figure('Latency p50 (solid) and p99 (dashed), ms', lineChart({ width, span: view.seconds, label: 'Latency p50 and p99 per second for base and canary', series: lat, format: (v) => num(v), floor: 5 })),
  ];
}

export async function renderLiveTab(t) {
  let stage = t.stage;
  let seconds = 60;
  let paused = false;
  let timer = null;
  let ticks = 0;
  const windowSelect = h('select', { id: 'live-window' }, [60, 300, 600].map((s) => h('option', { value: String(s) }, s === 60 ? 'last 60 s' : `last ${s / 60} min`)));
  const pause = h('button', { type: 'button', id: 'live-pause', 'aria-pressed': 'false' }, 'Pause');
  const updated = h('p', { class: 'muted', id: 'live-updated', 'aria-live': 'off' }, 'Loading…');
  const shareBox = h('div', {});
  const table = h('div', {});
  const chartBox = h('div', { class: 'charts' });
  const legend = h('p', { class: 'legend' }, h('span', {}, h('span', { class: 'swatch base' }), 'Base (stage)'), h('span', {}, h('span', { class: 'swatch canary' }), 'Canary'));
  const exec = logTail({ id: 'tail-execution', title: 'Execution log', group: () => `API-Gateway-Execution-Logs_${t.apiId}/${t.stageName}` });
  const access = logTail({ id: 'tail-access', title: 'Access log', group: () => groupOfArn(stage.accessLogSettings?.destinationArn) ?? { off: 'Access logging is off for this stage (Logs tab).' } });
  windowSelect.addEventListener('change', () => {
    seconds = Number(windowSelect.value);
    tick();
  });
  pause.addEventListener('click', () => {
    paused = !paused;
    pause.textContent = paused ? 'Resume' : 'Pause';
    pause.setAttribute('aria-pressed', String(paused));
  });
  const el = h(
    'div',
    { class: 'live' },
    h('div', { class: 'toolbar' }, h('label', { for: 'live-window' }, 'Window '), windowSelect, pause, updated),
    section('Canary share', { id: 'live-share-section' }, shareBox),
    section('Base and canary', { id: 'live-metrics' }, legend, table, chartBox),
    section('Logs', { id: 'live-logs' }, h('p', { class: 'hint' }, 'Newest last; lines of canary requests are marked canary. Execution logs need the log level INFO or ERROR (Logs tab).'), h('div', { class: 'tails' }, exec.el, access.el)),
  );

  async function tick() {
    if (paused) return;
    try {
      if (ticks % 5 === 0 && ticks > 0) stage = await stages.get(t.apiId, t.stageName);
      const view = await kanaria(`/_kanaria/console/api/live?restApiId=${encodeURIComponent(t.apiId)}&stageName=${encodeURIComponent(t.stageName)}&seconds=${seconds}`);
      const width = Math.floor(chartBox.clientWidth || el.clientWidth || 320);
      const configured = stage.canarySettings ? stage.canarySettings.percentTraffic : null;
      replaceChildren(shareBox, shareBlock(view, configured, Math.min(width, 640)));
      replaceChildren(table, summaryTable(view));
      replaceChildren(chartBox, charts(view, width));
      updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
      if (ticks % 2 === 0) await Promise.all([exec.poll(view.now * 1000), access.poll(view.now * 1000)]);
    } catch (err) {
      updated.textContent = errorWords(err);
    }
    ticks++;
  }
  let stopped = false;
  const loop = async () => {
    await tick();
    if (!stopped) timer = setTimeout(loop, 1000);
  };
  queueMicrotask(loop);
  return {
    el,
    dispose: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
