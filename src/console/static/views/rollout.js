// Rollout tab: the stage's progressive rollout through Kanaria's /_kanaria/rollouts API. With one
// in progress, its panel read again every second, with pause and resume, and promote and abort
// once confirmed; otherwise the start form, the last rollout's outcome and history, and the
// earlier rollouts of the stage.
import { stages } from '../aws.js';
import { announce, formatDate, h } from '../dom.js';
import { act, errorWords, field, formError } from '../fields.js';
import { rollouts } from '../rollout-api.js';
import { STATUS_WORDS } from '../rollout-ops.js';
import { section } from '../widgets.js';
import { startSection } from './rollout-form.js';
import { rolloutPanel } from './rollout-status.js';

/** Promote's or abort's confirmation: the question, an optional reason, Yes and Cancel. */
function confirmBox(id, yes, cls) {
  const question = h('p', { id: `${id}-question` });
  const reason = h('input', { id: `${id}-reason`, type: 'text', autocomplete: 'off' });
  const confirm = h('button', { type: 'submit', class: cls, id: `${id}-confirm` }, yes);
  const cancel = h('button', { type: 'button', id: `${id}-cancel` }, 'Cancel');
  const box = h(
    'form',
    { class: 'confirm', hidden: true, role: 'group', 'aria-labelledby': question.id, id: `${id}-box` },
    question,
    field('Reason (optional, kept in the history)', reason).wrap,
    h('div', { class: 'actions' }, confirm, cancel),
    formError(),
  );
  return { box, question, reason, confirm, cancel };
}

/** Pause / Resume / Promote / Abort for the rollout `current()`; `apply(view)` takes each answer. */
function controls(current, apply) {
  const pause = h('button', { type: 'button', id: 'rollout-pause' }, 'Pause');
  const resume = h('button', { type: 'button', class: 'primary', id: 'rollout-resume' }, 'Resume');
  const promote = h('button', { type: 'button', id: 'rollout-promote' }, 'Promote now…');
  const abort = h('button', { type: 'button', class: 'danger', id: 'rollout-abort' }, 'Abort…');
  const bar = h('div', { id: 'rollout-controls' }, h('div', { class: 'actions' }, pause, resume, promote, abort), formError());
  const asks = { promote: confirmBox('rollout-promote', 'Yes, promote now', 'primary'), abort: confirmBox('rollout-abort', 'Yes, abort and roll back', 'danger') };

  /** Sends `command`; a refusal goes next to the reason it names, else under the buttons it came from. */
  async function send(root, button, command, reason) {
    const text = reason?.value.trim();
    const view = await act(root, button, () => rollouts.command(current(), command, text ? { reason: text } : undefined), (err) => (reason && /^reason: /.test(err.message) ? reason : null));
    if (view) apply(view);
    return view;
  }
  pause.addEventListener('click', async () => (await send(bar, pause, 'pause')) && resume.focus());
  resume.addEventListener('click', async () => (await send(bar, resume, 'resume')) && pause.focus());
  for (const [command, opener] of [['promote', promote], ['abort', abort]]) {
    const ask = asks[command];
    const close = () => {
      ask.box.hidden = true;
      opener.focus();
    };
    opener.addEventListener('click', () => {
      const v = current();
      ask.question.textContent =
        command === 'promote'
          ? `Promote now? The stage's deployment becomes ${v.canaryDeploymentId}, the canary's stage-variable overrides are copied into the stage variables, and the canary is removed.`
          : `Abort and roll back? The canary's percentage goes to 0.0 % and the canary is removed; the stage stays on deployment ${v.baseDeploymentId}.`;
      for (const other of Object.values(asks)) other.box.hidden = other !== ask;
      ask.box.hidden = false;
      ask.reason.focus();
    });
    ask.cancel.addEventListener('click', close);
    ask.box.addEventListener('keydown', (e) => e.key === 'Escape' && close());
    ask.box.addEventListener('submit', (e) => {
      e.preventDefault();
      send(ask.box, ask.confirm, command, ask.reason);
    });
  }
  const el = h('div', { class: 'controls' }, h('h3', {}, 'Steer'), bar, asks.promote.box, asks.abort.box);
  const sync = (v) => {
    el.hidden = !v.active;
    pause.hidden = v.status !== 'holding';
    resume.hidden = v.status !== 'paused';
  };
  sync(current());
  return { el, sync };
}

function earlierSection(list) {
  if (list.length === 0) return null;
  const head = ['Rollout', 'Plan', 'Outcome', 'Step', 'Started', 'Reason'];
  const row = (r) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, h('code', {}, r.id)),
      [r.plan, STATUS_WORDS[r.status] ?? r.status, `${r.step} of ${r.stepCount} (${r.weight} %)`, formatDate(r.createdAt / 1000), r.reason ?? '—'].map((text, i) => h('td', { 'data-label': head[i + 1] }, text)),
    );
  return section(
    'Earlier rollouts of this stage',
    { id: 'rollout-earlier' },
    h('div', { class: 'table-wrap' }, h('table', { class: 'list card-table' }, h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, list.map(row)))),
  );
}

export async function renderRolloutTab(t) {
  const [list, catalogue] = await Promise.all([rollouts.list(t.apiId, t.stageName), rollouts.catalogue()]);
  const mine = t.scope ? list.filter((r) => r.region === t.scope.region) : list;
  const latest = mine.find((r) => r.active) ?? mine[0];
  let view = latest ? await rollouts.get(latest.id) : null;
  const earlier = earlierSection(mine.filter((r) => r.id !== latest?.id));
  if (!view?.active) {
    const started = (v) => {
      announce(`Rollout ${v.id} started: ${STATUS_WORDS[v.status].toLowerCase()}, canary at ${v.weight} %.`);
      t.refresh('rollout-now-title');
    };
    return { el: h('div', {}, startSection(t, catalogue, started), view ? rolloutPanel(view, null).el : null, earlier) };
  }

  let stopped = false;
  let timer = null;
  const updated = h('p', { class: 'muted', id: 'rollout-updated', 'aria-live': 'off' }, 'Read every second.');
  const steer = controls(() => view, apply);
  const panel = rolloutPanel(view, [steer.el, updated]);

  function apply(next) {
    if (stopped) return;
    view = next;
    const grew = panel.update(next);
    steer.sync(next);
    if (!next.active) {
      stopped = true;
      clearTimeout(timer);
      announce(`Rollout ${next.id}: ${STATUS_WORDS[next.status]}. ${next.reason ?? ''}`);
      // The whole tab again (start form, stage JSON); focus that was on the controls (or lost
      // with a button disabled while it answered) moves to the outcome.
      const focus = document.activeElement;
      t.refresh(!focus || focus === document.body || panel.el.contains(focus) ? 'rollout-outcome' : undefined);
      return;
    }
    // The rollout changed the stage: show the stage as GetStage answers now (the refresh above does it at the end).
    if (grew) stages.get(t.apiId, t.stageName).then(t.showStage, () => {});
  }
  const loop = async () => {
    try {
      apply(await rollouts.get(view.id));
      updated.textContent = `Read at ${new Date().toLocaleTimeString()}, every second.`;
    } catch (err) {
      updated.textContent = `Could not read the rollout: ${errorWords(err)}`;
    }
    if (!stopped) timer = setTimeout(loop, 1000);
  };
  timer = setTimeout(loop, 1000);
  return {
    el: h('div', {}, panel.el, earlier),
    dispose: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
