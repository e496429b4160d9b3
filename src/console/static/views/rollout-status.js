// One rollout as the Rollout tab shows it: the plan as a step bar with the current step marked,
// the canary's weight, the time left in the hold, the gates' last values against their
// thresholds, the outcome and its reason, and the history (steps, gate checks, patches sent).
// `update(view)` redraws it from a fresh read without touching anything focusable.
import { h, replaceChildren } from '../dom.js';
import { duration, EVENT_WORDS, gateRows, patchText, STATUS_WORDS } from '../rollout-ops.js';
import { facts, section, splitBar } from '../widgets.js';

const time = (ms) => (ms ? new Date(ms).toLocaleTimeString() : '—');
const ENDED_HERE = { succeeded: 'promoted here', rolledBack: 'rolled back here', aborted: 'aborted here', failed: 'failed here' };

/** The step bar's cells: an optional hook, each step, the promotion; `state` in words. */
function stepCells(view) {
  const passed = new Set(view.history.filter((e) => e.event === 'stepPassed').map((e) => e.stepIndex));
  const hookOk = (name) => view.history.some((e) => e.event === 'hook' && e.hook?.lifecycleEvent === name && e.hook.succeeded);
  const later = view.active ? 'to come' : 'not reached';
  const cells = [];
  if (view.hooks.preTraffic) {
    const state = view.status === 'preTraffic' ? 'current' : hookOk('BeforeAllowTraffic') ? 'passed' : view.stepIndex < 0 && !view.active ? ENDED_HERE[view.status] : later;
    cells.push({ label: 'BeforeAllowTraffic', weight: '0 %', hold: view.hooks.preTraffic, state });
  }
  view.plan.steps.forEach((s, i) => {
    const here = i === view.stepIndex;
    const state = passed.has(i) ? 'passed' : here && view.active && view.status !== 'preTraffic' ? 'current' : here && !view.active ? ENDED_HERE[view.status] : later;
    cells.push({ label: `Step ${i + 1}`, weight: `${s.weight} %`, hold: duration(s.scaledHoldMs), state });
  });
  const last = view.status === 'postTraffic' ? 'current' : view.status === 'succeeded' ? 'done' : later;
  cells.push({ label: view.hooks.postTraffic ? 'AfterAllowTraffic, then promote' : 'Promote', weight: '100 %', hold: view.hooks.postTraffic ?? '', state: last });
  return cells;
}

function stepBar(view) {
  const cells = stepCells(view);
  return h(
    'ol',
    { class: 'step-bar', id: 'rollout-step-bar', 'aria-label': `Plan ${view.plan.name}: ${view.plan.steps.length} step${view.plan.steps.length === 1 ? '' : 's'}, then promote` },
    cells.map((c) =>
      h(
        'li',
        { class: `state-${c.state.split(' ')[0]}`, 'aria-current': c.state === 'current' ? 'step' : false },
        h('span', { class: 'label' }, c.label),
        h('span', { class: 'w' }, c.weight),
        c.hold ? h('span', { class: 'hold' }, c.hold) : null,
        h('span', { class: 'state' }, c.state),
      ),
    ),
  );
}

/** Where the rollout is in its hold, in words. */
function holdWords(view) {
  const { step } = view;
  const where = `step ${step.number} of ${step.count}`;
  if (view.status === 'holding' && view.latencySuspectAt !== null) return `The canary's latency was over its limit in ${where}: confirming on fresh requests before rolling back.`;
  if (view.status === 'holding' && step.waitingForTraffic) return `The hold of ${where} is over: waiting for enough canary requests for the gates to judge.`;
  if (view.status === 'holding') return `${duration(step.remainingMs)} left of ${duration(step.holdMs)} in ${where}.`;
  if (view.status === 'paused') return `Paused in ${where} with ${duration(step.remainingMs)} of ${duration(step.holdMs)} left.`;
  if (view.status === 'preTraffic') return `Running the BeforeAllowTraffic hook ${view.hooks.preTraffic} (the canary gets no traffic).`;
  if (view.status === 'postTraffic') return `Running the AfterAllowTraffic hook ${view.hooks.postTraffic} (all traffic to the canary).`;
  return '';
}

function gateSummary(view) {
  const g = view.lastGate;
  const { minRequests, intervalMs } = view.gates;
  if (!g && !view.active) return 'The gates were never checked.';
  if (!g) return `No check yet: the gates are checked every ${duration(Math.max(250, intervalMs * view.timeScale))}, once the canary has had ${minRequests} requests.`;
  const verdict = { pass: 'the gates pass', fail: 'a gate fails', insufficient: `too few canary requests to judge (${minRequests} needed)` }[g.verdict];
  return `Last check at ${time(g.at)} over the last ${g.windowSeconds} s: canary ${g.canary.count} requests, base ${g.base.count}; ${verdict}.`;
}

function gateTable(view) {
  const head = ['Gate', 'Measured', 'Threshold', 'Result'];
  const rows = gateRows(view);
  if (rows.length === 0) return h('p', { class: 'muted' }, 'No gates: this plan is time only.');
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'list card-table', id: 'rollout-gate-table' },
      h('caption', { class: 'visually-hidden' }, 'Gate values against their thresholds'),
      h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        rows.map((r) =>
          h(
            'tr',
            { id: `rollout-check-${r.id}` },
            h('th', { scope: 'row' }, r.name),
            h('td', { class: 'measured', 'data-label': head[1] }, r.measured),
            h('td', { class: 'threshold', 'data-label': head[2] }, r.threshold),
            h('td', { class: `result ${r.ok === true ? 'pass' : r.ok === false ? 'fail' : 'muted'}`, 'data-label': head[3] }, r.result),
          ),
        ),
      ),
    ),
  );
}

function historyItem(e) {
  const gate = e.gate;
  return h(
    'li',
    { class: `event-${e.event}` },
    h('p', { class: 'what' }, h('span', { class: 'ts' }, time(e.at)), ' ', h('strong', {}, EVENT_WORDS[e.event] ?? e.event), ': ', h('span', { class: 'msg' }, e.message)),
    e.patches?.length ? h('p', { class: 'patches' }, 'UpdateStage sent: ', e.patches.map((p, i) => [i ? ', ' : '', h('code', {}, patchText(p))])) : null,
    gate
      ? h(
          'details',
          {},
          h('summary', {}, `Gate values (${gate.canary.count} canary and ${gate.base.count} base requests over ${gate.windowSeconds} s)`),
          h('ul', { class: 'gate-checks' }, gate.checks.map((c) => h('li', {}, h('span', { class: c.ok ? 'pass' : 'fail' }, c.ok ? 'passes' : 'fails'), `: ${c.text}`))),
          gate.reason ? h('p', { class: 'hint' }, gate.reason) : null,
        )
      : null,
  );
}

/** A rollout's panel and its history; `controls` (active rollouts only) sits under the gates. */
export function rolloutPanel(view, controls) {
  const title = h('h2', { id: 'rollout-now-title', tabindex: '-1' }, `Rollout ${view.id}`);
  const status = h('p', { class: 'big-status', id: 'rollout-status' });
  const about = h('div', {});
  const bar = h('div', {});
  const weight = h('div', { id: 'rollout-weight' });
  const left = h('p', { id: 'rollout-time-left' });
  const progress = h('progress', { id: 'rollout-progress', 'aria-label': 'Time spent in the hold' });
  const outcome = h('div', { id: 'rollout-outcome-box' });
  const gateText = h('p', { id: 'rollout-gate-summary' });
  const gates = h('div', {});
  const history = h('ol', { class: 'history', id: 'rollout-history' });
  let shown = 0;

  /** Shows `v`; answers whether its history grew (the rollout changed the stage). */
  function update(v) {
    status.textContent = v.active ? `${STATUS_WORDS[v.status]}: step ${v.step.number} of ${v.step.count}, canary at ${v.weight} %` : '';
    status.hidden = !v.active;
    replaceChildren(
      about,
      facts([
        ['Plan', `${v.plan.name} × time scale ${v.timeScale}`],
        ['Canary', `deployment ${v.canaryDeploymentId} over ${v.baseDeploymentId}`],
        ['Sticky', v.sticky ? (v.sticky.header ? `by header ${v.sticky.header}` : `by cookie ${v.sticky.cookie}`) : 'off'],
        ['Started', time(v.createdAt)],
        ...(v.endedAt ? [['Ended', time(v.endedAt)]] : []),
      ]),
    );
    replaceChildren(bar, stepBar(v));
    replaceChildren(weight, splitBar(v.weight, { stage: `Stage (${v.baseDeploymentId})`, canary: `Canary (${v.canaryDeploymentId})` }));
    left.textContent = holdWords(v);
    left.hidden = !v.active;
    const inHold = v.status === 'holding' || v.status === 'paused';
    progress.hidden = !inHold || v.step.waitingForTraffic;
    progress.max = Math.max(1, v.step.holdMs);
    progress.value = Math.max(0, v.step.holdMs - v.step.remainingMs);
    replaceChildren(
      outcome,
      v.active ? null : [h('h3', { id: 'rollout-outcome', tabindex: '-1' }, `${STATUS_WORDS[v.status]} at ${time(v.endedAt)}`), h('p', { id: 'rollout-reason' }, `Reason: ${v.reason ?? '—'}`)],
    );
    gateText.textContent = gateSummary(v);
    replaceChildren(gates, gateTable(v));
    // The history only grows: new entries are appended, so open details stay open.
    for (const e of v.history.slice(shown)) history.append(historyItem(e));
    const grew = v.history.length > shown;
    shown = v.history.length;
    return grew;
  }
  update(view);
  const el = h(
    'div',
    {},
    h(
      'section',
      { class: 'panel', id: 'rollout-now', 'aria-labelledby': title.id },
      title,
      status,
      outcome,
      about,
      h('h3', {}, 'Plan'),
      bar,
      h('h3', {}, 'Canary weight'),
      weight,
      left,
      progress,
      h('h3', {}, 'Gates'),
      gateText,
      gates,
      controls,
    ),
    section('History', { id: 'rollout-history-section' }, h('p', { class: 'hint' }, 'Oldest first: every step, gate check and UpdateStage patch the rollout sent, and how it ended.'), history),
  );
  return { el, update };
}
