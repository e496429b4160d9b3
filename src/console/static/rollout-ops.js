// The Rollout tab's logic without DOM: the start request built from what the form holds, which
// field each part of the API's refusal belongs to, and the words and durations the tab shows.
import { valueAt } from './rollout-api.js';

export const CUSTOM = 'custom';

/** The gate thresholds the start form offers, by their path in the start body. */
export const GATE_FIELDS = [
  { path: 'gates.minRequests', label: 'Canary requests before judging', group: 'traffic' },
  { path: 'gates.interval', label: 'Check every', group: 'traffic', duration: true, hint: 'A duration (10s, 1m); the time scale applies.' },
  { path: 'gates.window', label: 'Window', group: 'traffic', duration: true, hint: "In real seconds, never before the step's start." },
  { path: 'gates.errorRate.max', label: 'Canary 5XX rate at most (%)', group: 'errors' },
  { path: 'gates.errorRate.maxOverBase', label: "Canary 5XX rate above the base's at most (points)", group: 'errors' },
  { path: 'gates.latency.p99Ratio', label: 'Canary p99 at most base p99 ×', group: 'latency' },
  { path: 'gates.latency.p99ToleranceMs', label: 'or base p99 + (ms)', group: 'latency' },
  { path: 'gates.latency.p99MaxMs', label: 'Canary p99 at most (ms)', group: 'latency', hint: 'Optional: no absolute limit when empty.' },
];

/** A number when the text is one, else the text as typed (so the API's own refusal names it). */
function numberOrText(text) {
  const t = String(text ?? '').trim();
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
}

function setAt(o, path, value) {
  const keys = path.split('.');
  const last = keys.pop();
  let at = o;
  for (const key of keys) at = at[key] ??= {};
  at[last] = value;
}

/** The gates that differ from `defaults` (the API's, in the same shape), or undefined. */
function gatesInput(values, defaults) {
  const body = {};
  for (const { path } of GATE_FIELDS) {
    const text = String(values[path] ?? '').trim();
    const was = valueAt({ gates: defaults }, path);
    if (text === '' || text === String(was ?? '')) continue;
    setAt(body, path, numberOrText(text));
  }
  return body.gates;
}

/**
 * The start request: `form` = { restApiId, stageName, plan (a name or CUSTOM), steps: [{ weight,
 * hold }], timeScale, gates: { path: text }, sticky: { kind: ''|'header'|'cookie', name },
 * hooks: { preTraffic, postTraffic }, deploymentId }; `defaults` are the API's gate defaults.
 */
export function startInput(form, defaults) {
  const body = { restApiId: form.restApiId, stageName: form.stageName };
  body.plan = form.plan === CUSTOM ? form.steps.map((s) => ({ weight: numberOrText(s.weight), hold: numberOrText(s.hold) })) : form.plan;
  if (String(form.timeScale ?? '').trim() !== '') body.timeScale = numberOrText(form.timeScale);
  if (form.deploymentId) body.deploymentId = form.deploymentId;
  const gates = gatesInput(form.gates ?? {}, defaults);
  if (gates) body.gates = gates;
  if (form.sticky?.kind) body.sticky = { [form.sticky.kind]: form.sticky.name.trim() };
  const hooks = Object.fromEntries(Object.entries(form.hooks ?? {}).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v));
  if (Object.keys(hooks).length) body.hooks = hooks;
  return body;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Splits a refusal (`timeScale: Too small…; gates.minRequests: …`) at the paths in `known`:
 * `[{ path, text }]`, or one part with path null when it does not start with a known path.
 */
export function refusalParts(message, known) {
  const text = String(message ?? '');
  const starts = [...text.matchAll(new RegExp(`(?:^|; )(${known.map(escape).join('|')}): `, 'g'))];
  if (starts.length === 0 || starts[0].index !== 0) return [{ path: null, text }];
  return starts.map((m, i) => ({ path: m[1], text: text.slice(m.index + (i ? 2 : 0), starts[i + 1]?.index ?? text.length) }));
}

/**
 * Where a `plan:` refusal of a custom step list belongs: `steps` (the list), `steps.N.weight` or
 * `steps.N.hold` (N from 0), from the plan parser's words or zod's `0.hold` paths.
 */
export function planTarget(text) {
  const named = /^plan: step (\d+)(:? hold)?/.exec(text);
  if (named) return `steps.${Number(named[1]) - 1}.${named[2] ? 'hold' : 'weight'}`;
  const shaped = /: (\d+)\.(weight|hold): /.exec(text);
  if (shaped) return `steps.${shaped[1]}.${shaped[2]}`;
  return 'steps';
}

/** `2.4 s`, `42 s`, `4 min 58 s`, `1 h 5 min`. */
export function duration(ms) {
  if (!Number.isFinite(ms)) return '—';
  const s = Math.max(0, ms) / 1000;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.floor(s)} s`;
  const whole = Math.floor(s);
  if (whole < 3600) return `${Math.floor(whole / 60)} min${whole % 60 ? ` ${whole % 60} s` : ''}`;
  const min = Math.floor((whole % 3600) / 60);
  return `${Math.floor(whole / 3600)} h${min ? ` ${min} min` : ''}`;
}

/** A plan in one line: `10 % for 5 min → 50 % for 5 min → promote`, holds scaled by `scale`. */
export function planLine(steps, scale) {
  const factor = Number.isFinite(scale) && scale > 0 ? scale : 1;
  return [...steps.map((s) => `${s.weight} % for ${duration(Math.round(s.holdMs * factor))}`), 'promote (100 %)'].join(' → ');
}

export const STATUS_WORDS = {
  preTraffic: 'Running the BeforeAllowTraffic hook',
  holding: 'Holding',
  paused: 'Paused',
  postTraffic: 'Running the AfterAllowTraffic hook',
  succeeded: 'Promoted',
  rolledBack: 'Rolled back',
  aborted: 'Aborted',
  failed: 'Failed',
};

export const EVENT_WORDS = {
  started: 'Started',
  hook: 'Hook',
  shift: 'Weight set',
  stepPassed: 'Step passed',
  suspect: 'Latency suspected',
  waiting: 'Waiting for traffic',
  paused: 'Paused',
  resumed: 'Resumed',
  restarted: 'Kanaria restarted',
  promoted: 'Promoted',
  rolledBack: 'Rolled back',
  aborted: 'Aborted',
  failed: 'Failed',
};

const GATE_NAMES = {
  errorRate: 'Canary 5XX rate',
  errorRateOverBase: "Canary 5XX rate above the base's",
  latencyP99: 'Canary p99 latency',
  latencyP99VsBase: "Canary p99 latency against the base's",
  alarm: 'Alarm',
};

const UNITS = { '%': ' %', points: ' points', ms: ' ms', '': '' };
const withUnit = (v, unit) => (v === null || v === undefined ? '—' : `${Math.round(v * 10) / 10}${UNITS[unit] ?? ''}`);

/**
 * The gates as rows `{ id, name, measured, threshold, result, ok }`: the last check's values when
 * there is one (`result` passes / fails / not judged yet), else the configured thresholds.
 */
export function gateRows(view) {
  const g = view.lastGate;
  if (g) {
    return g.checks.map((c) => {
      const judged = c.name === 'alarm' || g.canary.count >= g.minRequests;
      const result = c.ok ? 'passes' : judged ? 'fails' : `not judged yet (${g.canary.count} of ${g.minRequests} canary requests)`;
      const threshold = c.name === 'alarm' ? c.text.replace(/: \w+$/, '') : `at most ${withUnit(c.threshold, c.unit)}`;
      const measured = c.name === 'alarm' ? `${withUnit(c.value, '')} (${g.alarm?.state ?? '—'})` : withUnit(c.value, c.unit);
      return { id: c.name, name: GATE_NAMES[c.name] ?? c.name, measured, threshold, result, ok: c.ok ? true : judged ? false : null };
    });
  }
  const { errorRate, latency, alarm } = view.gates;
  const rows = [];
  const result = view.active ? 'no check yet' : 'never checked';
  const row = (id, threshold) => rows.push({ id, name: GATE_NAMES[id], measured: '—', threshold, result, ok: null });
  if (errorRate) row('errorRate', `at most ${errorRate.max} %`);
  if (errorRate) row('errorRateOverBase', `at most ${errorRate.maxOverBase} points`);
  if (latency?.p99MaxMs) row('latencyP99', `at most ${latency.p99MaxMs} ms`);
  if (latency) row('latencyP99VsBase', `at most base p99 × ${latency.p99Ratio}, or + ${latency.p99ToleranceMs} ms`);
  if (alarm) row('alarm', `${alarm.variant} ${alarm.metric} ${alarm.statistic} vs ${alarm.threshold}`);
  return rows;
}

/** The patch operations of a history entry as `replace /canarySettings/percentTraffic 10.0`. */
export const patchText = (p) => `${p.op} ${p.from ? `${p.from} → ` : ''}${p.path}${p.value !== undefined ? ` ${p.value}` : ''}`;
