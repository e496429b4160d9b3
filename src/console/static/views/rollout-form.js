// The Rollout tab's start form: a plan (CodeDeploy's names or a custom step list), the time
// scale, the deployment to roll out when the stage has no canary, the main gate thresholds (the
// API's defaults filled in), sticky routing and lifecycle hooks. Nothing is checked here: each
// part of the rollout API's refusal is shown next to the field it names.
import { h, replaceChildren } from '../dom.js';
import { act, errorWords, field, formError } from '../fields.js';
import { rollouts, valueAt } from '../rollout-api.js';
import { CUSTOM, GATE_FIELDS, planLine, planTarget, refusalParts, startInput } from '../rollout-ops.js';
import { section } from '../widgets.js';

const FIRST_STEPS = [
  { weight: '10', hold: '5m' },
  { weight: '50', hold: '5m' },
];

/** The custom step list: a weight and a hold per step, add and remove. Returns its parts. */
function stepEditor() {
  const list = h('ol', { class: 'step-rows', id: 'rollout-step-list' });
  const add = h('button', { type: 'button', id: 'rollout-step-add' }, 'Add step');
  const error = h('p', { class: 'field-error', id: 'rollout-steps-error', hidden: true, role: 'alert' });
  const hint = h('p', { class: 'hint', id: 'rollout-steps-hint' }, 'Each step holds the canary at its weight (a percentage, growing from step to step) for its hold (90s, 5m, 1h; a plain number is seconds). After the last step the canary is promoted.');
  const el = h('fieldset', { id: 'rollout-steps', 'aria-describedby': 'rollout-steps-hint rollout-steps-error' }, h('legend', {}, 'Custom steps'), hint, list, h('div', { class: 'actions' }, add), error);
  el.errorSlot = error;
  let rows = [];

  function render(data, focusIndex) {
    rows = data.map((v, i) => {
      const n = i + 1;
      const weight = h('input', { id: `rollout-step-${n}-weight`, type: 'number', min: '0', max: '100', step: 'any', inputmode: 'decimal', value: v.weight });
      const hold = h('input', { id: `rollout-step-${n}-hold`, type: 'text', value: v.hold, autocomplete: 'off', spellcheck: 'false' });
      const remove = h('button', { type: 'button', class: 'danger', id: `rollout-step-${n}-remove`, 'aria-label': `Remove step ${n}` }, 'Remove');
      remove.addEventListener('click', () => {
        const rest = values().filter((_, j) => j !== i);
        render(rest, Math.min(i, rest.length - 1));
      });
      const li = h('li', { class: 'step-row' }, field(`Step ${n} weight (%)`, weight, { inline: true }).wrap, field(`Step ${n} hold`, hold, { inline: true }).wrap, h('div', { class: 'actions' }, remove));
      return { li, weight, hold };
    });
    replaceChildren(list, rows.map((r) => r.li));
    if (focusIndex !== undefined) (rows[focusIndex]?.weight ?? add).focus();
  }
  const values = () => rows.map((r) => ({ weight: r.weight.value, hold: r.hold.value }));
  add.addEventListener('click', () => {
    const last = rows.at(-1);
    const next = last ? Math.min(100, Number(last.weight.value) * 2 || 10) : 10;
    render([...values(), { weight: String(next), hold: last?.hold.value ?? '5m' }], rows.length);
  });
  render(FIRST_STEPS);
  /** The input a `plan:` refusal names (`steps.1.hold`), or the whole list. */
  const inputFor = (target) => {
    const [, index, part] = target.split('.');
    return rows[Number(index)]?.[part] ?? el;
  };
  return { el, values, inputFor };
}

function gatesFieldset(defaults) {
  const inputs = {};
  const group = (name, legend) =>
    h(
      'fieldset',
      { class: 'row' },
      h('legend', {}, legend),
      GATE_FIELDS.filter((f) => f.group === name).map((f) => {
        const was = valueAt({ gates: defaults }, f.path);
        const input = h('input', { id: `rollout-gate-${f.path.slice(6).replace('.', '-')}`, type: 'text', inputmode: f.duration ? 'text' : 'decimal', value: was ?? '', autocomplete: 'off' });
        inputs[f.path] = input;
        const hint = [was === undefined ? null : `Default ${was}.`, f.hint].filter(Boolean).join(' ');
        return field(f.label, input, { inline: true, hint }).wrap;
      }),
    );
  const el = h(
    'fieldset',
    { id: 'rollout-gates-form' },
    h('legend', {}, 'Gates'),
    h('p', { class: 'hint' }, 'Checked during every step over the requests since it began; a gate that fails rolls the canary back at once.'),
    group('traffic', 'When to judge'),
    group('errors', 'Error rate'),
    group('latency', 'Latency'),
  );
  return { el, inputs };
}

function stickyFields() {
  const kind = h('select', { id: 'rollout-sticky-kind' }, h('option', { value: '' }, 'Off: each request is drawn at random'), h('option', { value: 'header' }, 'By a header'), h('option', { value: 'cookie' }, 'By a cookie'));
  const name = h('input', { id: 'rollout-sticky-name', type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: 'x-user-id' });
  const nameField = field('Header or cookie name', name, { inline: true });
  const sync = () => (nameField.wrap.hidden = kind.value === '');
  kind.addEventListener('change', sync);
  sync();
  const el = h('div', { class: 'row' }, field('Sticky canary', kind, { inline: true, hint: 'A client with the same value keeps its variant, and stays on the canary as the weight grows.' }).wrap, nameField.wrap);
  return { el, kind, name };
}

/** The deployment a rollout creates the canary from, when the stage has none yet. */
function deploymentPicker(t) {
  const others = t.deployments.filter((d) => d.id !== t.stage.deploymentId).sort((a, b) => (b.createdDate ?? 0) - (a.createdDate ?? 0));
  if (others.length === 0) return { el: h('p', { class: 'muted', id: 'rollout-no-canary' }, 'This stage has no canary and the API has no other deployment: deploy the API to a canary first (Canary tab).'), select: null };
  const select = h('select', { id: 'rollout-deployment' }, others.map((d) => h('option', { value: d.id }, `${d.id}${d.description ? ` · ${d.description}` : ''}`)));
  return { el: field('Deployment to roll out (becomes the canary)', select, { hint: `The stage has no canary: the rollout creates one on this deployment, over ${t.stage.deploymentId}.` }).wrap, select };
}

export function startSection(t, catalogue, onStarted) {
  const canary = t.stage.canarySettings;
  const plan = h('select', { id: 'rollout-plan' }, catalogue.plans.map((p) => h('option', { value: p.name, selected: p.name === 'Canary10Percent5Minutes' }, p.name)), h('option', { value: CUSTOM }, 'Custom steps'));
  const summary = h('p', { class: 'hint', id: 'rollout-plan-summary', 'aria-live': 'polite' });
  const scale = h('input', { id: 'rollout-time-scale', type: 'text', inputmode: 'decimal', value: '1', autocomplete: 'off' });
  const steps = stepEditor();
  const gates = gatesFieldset(catalogue.gates);
  const sticky = stickyFields();
  const pre = h('input', { id: 'rollout-hook-pre', type: 'text', autocomplete: 'off', spellcheck: 'false' });
  const post = h('input', { id: 'rollout-hook-post', type: 'text', autocomplete: 'off', spellcheck: 'false' });
  const deployment = canary ? null : deploymentPicker(t);
  const start = h('button', { type: 'submit', class: 'primary', id: 'rollout-start' }, 'Start rollout');

  const showPlan = () => {
    const custom = plan.value === CUSTOM;
    steps.el.hidden = !custom;
    const named = catalogue.plans.find((p) => p.name === plan.value);
    const factor = Number(scale.value);
    summary.textContent = custom ? 'The steps below, then promote (100 %).' : `${factor !== 1 && factor > 0 ? `At time scale ${factor}: ` : ''}${planLine(named?.steps ?? [], factor)}`;
  };
  plan.addEventListener('change', showPlan);
  scale.addEventListener('input', showPlan);
  showPlan();

  const inputs = { plan, timeScale: scale, deploymentId: deployment?.select, sticky: sticky.name, 'sticky.header': sticky.name, 'sticky.cookie': sticky.name, 'hooks.preTraffic': pre, 'hooks.postTraffic': post, ...gates.inputs };
  /** Each part of a refusal next to the field it names; the rest next to the Start button. */
  const where = (err) => {
    const parts = refusalParts(err.message, Object.keys(inputs));
    return parts.map(({ path, text }) => {
      const input = path === 'plan' && plan.value === CUSTOM ? steps.inputFor(planTarget(text)) : inputs[path] ?? null;
      return [input, errorWords(err, text)];
    });
  };

  const form = h(
    'form',
    {
      class: 'form',
      'aria-label': 'Start a rollout',
      onsubmit: async (e) => {
        e.preventDefault();
        const body = startInput(
          {
            restApiId: t.apiId,
            stageName: t.stageName,
            plan: plan.value,
            steps: steps.values(),
            timeScale: scale.value,
            deploymentId: deployment?.select?.value,
            gates: Object.fromEntries(Object.entries(gates.inputs).map(([path, input]) => [path, input.value])),
            sticky: { kind: sticky.kind.value, name: sticky.name.value },
            hooks: { preTraffic: pre.value, postTraffic: post.value },
          },
          catalogue.gates,
        );
        const view = await act(form, start, () => rollouts.start(body), where);
        if (view) onStarted(view);
      },
    },
    field('Plan', plan, { hint: "CodeDeploy's traffic-shifting configurations, or your own steps." }).wrap,
    summary,
    steps.el,
    field('Time scale', scale, { hint: 'Multiplies every hold and the check interval: 0.01 makes 5 minutes 3 s. Windows stay in real seconds.' }).wrap,
    deployment?.el,
    gates.el,
    sticky.el,
    h('details', { class: 'hooks' }, h('summary', {}, 'Lifecycle hooks (optional)'), field('BeforeAllowTraffic function', pre, { hint: 'Runs with the canary at 0 % before the first step; it must answer {"status": "Succeeded"}.' }).wrap, field('AfterAllowTraffic function', post, { hint: 'Runs with the canary at 100 % before the promotion.' }).wrap),
    formError(),
    h('div', { class: 'actions' }, start),
  );
  const what = canary
    ? `Rolls out the canary on deployment ${canary.deploymentId} over ${t.stage.deploymentId}: the rollout sets its percentage step by step, checks the gates, then promotes it or rolls it back.`
    : 'Rolls out a deployment as this stage’s canary: the rollout creates the canary, sets its percentage step by step, checks the gates, then promotes it or rolls it back.';
  return section('Start a rollout', { id: 'rollout-start-section' }, h('p', {}, what, ' Each change is an UpdateStage call, listed in the history.'), form);
}
