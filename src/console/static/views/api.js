// One REST API: its resources and methods with their integrations (GetResources, embed=methods),
// its stages with their invoke URLs, and "Deploy API" (CreateDeployment, to the canary when the
// chosen stage has one, as the AWS console does).
import { deployments, kanaria, restApis, stages as stageOps } from '../aws.js';
import { canaryDeploymentInput } from '../canary-ops.js';
import { announce, formatDate, h, percent1, replaceChildren } from '../dom.js';
import { act, field, formError } from '../fields.js';
import { callLog, copyable, facts, section } from '../widgets.js';

function integrationText(method) {
  const i = method.methodIntegration;
  if (!i) return 'no integration';
  return [i.type, i.httpMethod, i.uri].filter(Boolean).join(' · ');
}

function resourcesSection(resources) {
  const sorted = [...resources].sort((a, b) => a.path.localeCompare(b.path));
  return section(
    'Resources and methods',
    { id: 'resources' },
    h(
      'ul',
      { class: 'resources' },
      sorted.map((r) => {
        const methods = Object.values(r.resourceMethods ?? {}).sort((a, b) => a.httpMethod.localeCompare(b.httpMethod));
        return h(
          'li',
          {},
          h('code', { class: 'path' }, r.path),
          methods.length
            ? h('ul', { class: 'methods' }, methods.map((m) => h('li', {}, h('span', { class: 'verb' }, m.httpMethod), ' ', h('span', { class: 'integration' }, integrationText(m)), m.authorizationType !== 'NONE' ? ` (auth: ${m.authorizationType})` : '')))
            : h('p', { class: 'muted' }, 'No methods.'),
        );
      }),
    ),
  );
}

function stagesSection(apiId, stages, served) {
  if (stages.length === 0) return section('Stages', { id: 'stages' }, h('p', { class: 'muted' }, 'No stages yet: deploy the API to create one.'));
  return section(
    'Stages',
    { id: 'stages' },
    h(
      'ul',
      { class: 'stage-cards' },
      stages.map((s) => {
        const urls = served.find((x) => x.restApiId === apiId && x.stageName === s.stageName)?.urls;
        const href = `#/apis/${encodeURIComponent(apiId)}/stages/${encodeURIComponent(s.stageName)}`;
        return h(
          'li',
          { class: 'card' },
          h('h3', {}, h('a', { href }, s.stageName)),
          facts([
            ['Deployment', h('code', {}, s.deploymentId ?? '—')],
            ['Canary', s.canarySettings ? `${percent1(s.canarySettings.percentTraffic)} % → ${s.canarySettings.deploymentId}` : 'none'],
            ['Invoke URL', urls ? copyable(urls.path, `invoke URL of ${s.stageName}`) : 'not served (no deployment)'],
            ['Host-style URL', urls ? copyable(urls.host, `host-style invoke URL of ${s.stageName}`) : '—'],
            ['Last updated', formatDate(s.lastUpdatedDate)],
          ]),
        );
      }),
    ),
  );
}

function deployForm(ctx, apiId, stages) {
  const NEW = '__new__';
  const stageSelect = h('select', { id: 'deploy-stage' }, stages.map((s) => h('option', { value: s.stageName }, s.stageName)), h('option', { value: NEW }, '[New stage]'));
  const newName = h('input', { id: 'deploy-new-stage', type: 'text', autocomplete: 'off' });
  const description = h('input', { id: 'deploy-description', type: 'text', autocomplete: 'off' });
  const note = h('p', { class: 'hint', id: 'deploy-note' });
  const nameField = field('New stage name', newName);
  const submit = h('button', { type: 'submit', class: 'primary', id: 'deploy-submit' }, 'Deploy');
  const update = () => {
    const s = stages.find((x) => x.stageName === stageSelect.value);
    nameField.wrap.hidden = stageSelect.value !== NEW;
    note.textContent = s?.canarySettings
      ? `Stage ${s.stageName} has a canary: the new deployment goes to the canary (${percent1(s.canarySettings.percentTraffic)} % of requests), the stage keeps ${s.deploymentId}.`
      : 'The stage will serve the new deployment.';
  };
  stageSelect.addEventListener('change', update);
  const form = h(
    'form',
    {
      class: 'form',
      onsubmit: async (e) => {
        e.preventDefault();
        const isNew = stageSelect.value === NEW;
        const stageName = isNew ? newName.value.trim() : stageSelect.value;
        const current = stages.find((x) => x.stageName === stageName);
        const input = current?.canarySettings
          ? canaryDeploymentInput(stageName, description.value, current.canarySettings)
          : { stageName, ...(description.value ? { description: description.value } : {}) };
        const d = await act(form, submit, () => deployments.create(apiId, input), () => (isNew ? newName : description));
        if (d) {
          announce(`Deployed ${d.id} to ${stageName}.`);
          ctx.refresh('deploy-submit');
        }
      },
    },
    field('Deployment stage', stageSelect).wrap,
    nameField.wrap,
    note,
    field('Deployment description', description).wrap,
    formError(),
    h('div', { class: 'actions' }, submit),
  );
  update();
  return section('Deploy API', { id: 'deploy' }, form);
}

export async function renderApi(ctx, apiId) {
  const [api, resources, stageList, served] = await Promise.all([restApis.get(apiId), restApis.resources(apiId), stageOps.list(apiId), kanaria('/_kanaria/stages')]);
  if (ctx.stale()) return;
  ctx.setCrumbs([['APIs', '#/'], [api.name, `#/apis/${encodeURIComponent(apiId)}`]]);
  const stages = [...(stageList.item ?? [])].sort((a, b) => a.stageName.localeCompare(b.stageName));
  const log = callLog(`/restapis/${encodeURIComponent(apiId)}/`);
  replaceChildren(
    ctx.main,
    h('h1', { tabindex: '-1' }, api.name),
    facts([
      ['API ID', h('code', {}, api.id)],
      ['Description', api.description],
      ['Created', formatDate(api.createdDate)],
    ]),
    h('div', { class: 'columns' }, h('div', {}, stagesSection(apiId, stages, served.stages ?? []), resourcesSection(resources.item ?? [])), h('div', {}, deployForm(ctx, apiId, stages), log.el)),
  );
  return log.dispose;
}
