// A rollout as terminal text, for `kanaria rollout status` / `list`: the plan as a row of steps
// with the current one marked, the weight as a bar, time left in the hold, each gate with its
// measured value and threshold, and the history with the UpdateStage patches sent.
import type { GateReport } from './gates.js';
import type { HistoryEntry } from './model.js';
import type { RolloutSummary, RolloutView } from './view.js';

const BAR = 30;
const clock = (ms: number) => new Date(ms).toISOString().slice(11, 23);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function weightBar(weight: number, width = BAR): string {
  const filled = Math.round((Math.max(0, Math.min(100, weight)) / 100) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/** `10% › 20% › [30%] › 40% › … › promote`: the plan with the current step in brackets. */
function planRow(v: RolloutView): string {
  const cells = v.plan.steps.map((s, i) => (i === v.stepIndex && v.active ? `[${s.weight}%]` : `${s.weight}%`));
  const last = v.status === 'postTraffic' ? '[100% AfterAllowTraffic]' : 'promote';
  return [...cells, last].join(' › ');
}

function gateLines(g: GateReport): string[] {
  const head = `gates over the last ${g.windowSeconds} s: canary ${g.canary.count} requests, base ${g.base.count}; verdict ${g.verdict}`;
  const lines = [head, ...g.checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'} ${c.text}`)];
  if (g.verdict === 'insufficient' && g.reason) lines.push(`  (${g.reason})`);
  return lines;
}

function patchText(entry: HistoryEntry): string {
  if (!entry.patches?.length) return '';
  return `\n${' '.repeat(16)}UpdateStage ${entry.patches.map((p) => `${p.op} ${p.from ? `${p.from} → ` : ''}${p.path}${p.value !== undefined ? ` ${p.value}` : ''}`).join(', ')}`;
}

function historyLines(history: HistoryEntry[]): string[] {
  return history.map((h) => `  ${clock(h.at)}  ${h.event.padEnd(10)} ${h.message}${patchText(h)}`);
}

function statusLine(v: RolloutView): string {
  const where = `${v.restApiId}/${v.stageName} (${v.region})`;
  const step = v.status === 'holding' || v.status === 'paused' ? ` — step ${v.step.number} of ${v.step.count}` : '';
  return `rollout ${v.id} on ${where}: ${v.status}${step}`;
}

function holdLine(v: RolloutView): string {
  if (v.status === 'holding' && v.latencySuspectAt !== null) return 'canary latency over its limit: confirming on fresh requests';
  if (v.status === 'holding' && v.step.waitingForTraffic) return 'hold over, waiting for enough canary requests';
  if (v.status === 'holding') return `hold ${secs(v.step.remainingMs)} left of ${secs(v.step.holdMs)}`;
  if (v.status === 'paused') return `paused with ${secs(v.step.remainingMs)} of the hold left`;
  if (v.status === 'preTraffic') return `running BeforeAllowTraffic hook ${v.hooks.preTraffic}`;
  if (v.status === 'postTraffic') return `running AfterAllowTraffic hook ${v.hooks.postTraffic}`;
  return v.reason ?? '';
}

/** The full status: what `status` prints, and what `--watch` redraws. */
export function formatRollout(v: RolloutView, options: { historyLines?: number } = {}): string {
  const lines = [
    statusLine(v),
    `plan ${v.plan.name} × time scale ${v.timeScale}: canary deployment ${v.canaryDeploymentId} over ${v.baseDeploymentId}${v.sticky ? `, sticky by ${v.sticky.header ? `header ${v.sticky.header}` : `cookie ${v.sticky.cookie}`}` : ''}`,
    `steps  ${planRow(v)}`,
    `canary ${weightBar(v.weight)} ${String(v.weight).padStart(5)}%   ${holdLine(v)}`,
  ];
  if (v.lastGate) lines.push(...gateLines(v.lastGate));
  const shown = options.historyLines ?? Infinity;
  const history = v.history.slice(-shown);
  lines.push(`history${history.length < v.history.length ? ` (last ${history.length} of ${v.history.length})` : ''}:`, ...historyLines(history));
  return lines.join('\n');
}

/** One short line of a watched rollout, printed when it changes (output that is not a terminal). */
export function progressLine(v: RolloutView): string {
  return `${clock(v.now)} ${v.id} ${v.status.padEnd(10)} step ${v.step.number}/${v.step.count} ${weightBar(v.weight, 20)} ${v.weight}%  ${holdLine(v)}`;
}

export function formatList(rollouts: RolloutSummary[]): string {
  if (rollouts.length === 0) return 'No rollouts yet: start one with `kanaria rollout start --api ID --stage NAME --plan Canary10Percent5Minutes`.';
  const head = `${'id'.padEnd(14)} ${'api/stage'.padEnd(24)} ${'status'.padEnd(11)} ${'step'.padEnd(6)} ${'weight'.padStart(6)}  ${'plan'.padEnd(30)} started`;
  const rows = rollouts.map(
    (r) =>
      `${r.id.padEnd(14)} ${`${r.restApiId}/${r.stageName}`.padEnd(24)} ${r.status.padEnd(11)} ${`${r.step}/${r.stepCount}`.padEnd(6)} ${`${r.weight}%`.padStart(6)}  ${r.plan.padEnd(30)} ${new Date(r.createdAt).toISOString()}${r.reason ? `\n${' '.repeat(15)}${r.reason}` : ''}`,
  );
  return [head, ...rows].join('\n');
}
