// Canary tab: create a canary (percentage with one decimal, stage cache use), the request
// distribution (slider and exact input), the canary's stage-variable overrides and its stage
// cache use; deploying, promoting and deleting are in canary-release.js.
import { createCanaryOperations, parsePercentInput, percentOperation, useStageCacheOperation } from '../canary-ops.js';
import { h, percent1 } from '../dom.js';
import { field, formError, showError } from '../fields.js';
import { facts, section, splitBar } from '../widgets.js';
import { deploySection, promoteSection, deleteSection } from './canary-release.js';
import { keyValueEditor } from './variables.js';

const PERCENT_HINT = 'Between 0.0 and 100.0, one decimal.';

function percentInput(id, value) {
  return h('input', { id, type: 'number', min: '0', max: '100', step: '0.1', inputmode: 'decimal', value, required: true });
}

function createSection(t) {
  const percent = percentInput('canary-new-percent', '10.0');
  const cache = h('input', { id: 'canary-new-cache', type: 'checkbox' });
  const create = h('button', { type: 'submit', class: 'primary', id: 'canary-create' }, 'Create canary');
  const form = h(
    'form',
    {
      class: 'form',
      'aria-label': 'Create canary',
      onsubmit: (e) => {
        e.preventDefault();
        const parsed = parsePercentInput(percent.value);
        if (parsed.error) return void showError(percent, parsed.error);
        const ops = createCanaryOperations(parsed.value, cache.checked);
        const sent = ops.map((op, i) => ({ op, input: i === 0 ? percent : cache }));
        t.patch(form, create, sent, { fallback: percent, focusId: 'canary-percent', done: `Canary created with ${parsed.value} % of requests.` });
      },
    },
    field('Percentage of requests to canary', percent, { hint: PERCENT_HINT }).wrap,
    field('Enable use of stage cache', cache).wrap,
    formError(),
    h('div', { class: 'actions' }, create),
  );
  return section(
    'Create canary',
    { id: 'canary-create-section' },
    h('p', {}, `A canary sends a share of this stage's requests to another deployment, with its own stage-variable overrides. It starts on the stage's current deployment (${t.stage.deploymentId}); deploy the API to the canary to try a new version.`),
    form,
  );
}

function distributionSection(t, canary) {
  const value = percent1(canary.percentTraffic);
  const slider = h('input', { id: 'canary-slider', type: 'range', min: '0', max: '100', step: '0.1', value, 'aria-label': 'Percentage of requests to canary, slider', 'aria-valuetext': `${value} %` });
  const exact = percentInput('canary-percent', value);
  const save = h('button', { type: 'submit', class: 'primary', id: 'canary-percent-save' }, 'Save percentage');
  slider.addEventListener('input', () => {
    exact.value = Number(slider.value).toFixed(1);
    slider.setAttribute('aria-valuetext', `${exact.value} %`);
  });
  exact.addEventListener('input', () => {
    if (exact.value !== '' && Number.isFinite(Number(exact.value))) slider.value = exact.value;
  });
  const form = h(
    'form',
    {
      class: 'form',
      'aria-label': "Stage's request distribution",
      onsubmit: (e) => {
        e.preventDefault();
        const parsed = parsePercentInput(exact.value);
        if (parsed.error) return void showError(exact, parsed.error);
        t.patch(form, save, [{ op: percentOperation(parsed.value), input: exact }], { done: `Canary now gets ${parsed.value} % of requests.` });
      },
    },
    splitBar(canary.percentTraffic, { stage: `Stage (${t.stage.deploymentId})`, canary: `Canary (${canary.deploymentId})` }),
    slider,
    field('Percentage of requests to canary', exact, { hint: `${PERCENT_HINT} Slide or type, then save.` }).wrap,
    formError(),
    h('div', { class: 'actions' }, save),
  );
  return section("Stage's request distribution", { id: 'canary-distribution' }, form);
}

function deploymentsSection(t, canary) {
  const describe = (id) => {
    const d = t.deployments.find((x) => x.id === id);
    return h('span', {}, h('code', {}, id), d?.description ? ` · ${d.description}` : '');
  };
  const cache = h('input', { id: 'canary-cache', type: 'checkbox', checked: canary.useStageCache });
  const form = h('form', { class: 'form', 'aria-label': 'Canary stage cache', onsubmit: (e) => e.preventDefault() }, field('Enable use of stage cache', cache, {
    hint: t.stage.cacheClusterEnabled ? 'The stage cache is on.' : 'The stage cache is off (Settings tab): the canary cannot use it until it is on.',
  }).wrap, formError());
  cache.addEventListener('change', () => t.patch(form, null, [{ op: useStageCacheOperation(cache.checked), input: cache }], { focusId: 'canary-cache', done: `Use of stage cache ${cache.checked ? 'on' : 'off'}.` }));
  return section('Canary deployment', { id: 'canary-deployment' }, facts([['Canary deployment', describe(canary.deploymentId)], ['Stage deployment', describe(t.stage.deploymentId)]]), form);
}

export async function renderCanaryTab(t) {
  const canary = t.stage.canarySettings;
  if (!canary) return { el: h('div', {}, createSection(t)) };
  const overrides = keyValueEditor(t, {
    idPrefix: 'ovr',
    entries: canary.stageVariableOverrides,
    pathPrefix: '/canarySettings/stageVariableOverrides/',
    thing: 'canary override',
    base: t.stage.variables ?? {},
    note: "Canary requests see the stage's variables with these overrides on top: override a variable, or add one only the canary sees.",
  });
  return {
    el: h(
      'div',
      {},
      distributionSection(t, canary),
      section('Canary stage variables', { id: 'canary-overrides' }, overrides),
      deploymentsSection(t, canary),
      deploySection(t, canary),
      promoteSection(t, canary),
      deleteSection(t),
    ),
  };
}
